package dev.polyledger.platform.http.auth.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyledger.platform.http.auth.Caller;
import dev.polyledger.platform.http.auth.Scope;
import dev.polyledger.platform.http.auth.application.port.out.RevocationBroadcast;
import dev.polyledger.platform.http.auth.domain.ApiKeyMaterial;
import dev.polyledger.platform.http.auth.domain.AuthIds;
import dev.polyledger.platform.http.auth.domain.KeyRateLimit;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeyAdminTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00.123456Z");
    private static final Caller OPERATOR = new Caller("default", "bootstrap", EnumSet.allOf(Scope.class), true);
    private static final Caller MANAGER = new Caller("default", "key_manager",
            EnumSet.of(Scope.LEDGER_READ, Scope.KEYS_MANAGE), false);

    private final InMemoryApiKeyStore store = new InMemoryApiKeyStore();
    private final MutableClock clock = new MutableClock(NOW);
    private final List<String> broadcast = new ArrayList<>();
    private final RevocationBroadcast recordingBroadcast = broadcast::add;
    private final Authenticator authenticator = new Authenticator(store, clock, null, new KeyRateLimit(500, 1000), null,
            Duration.ofSeconds(5), 1000, clock.ticker());
    private final SecureRandom random = new SecureRandom();
    private final ApiKeyAdmin admin = new ApiKeyAdmin(store, recordingBroadcast, authenticator,
            new ApiKeyMaterial(random), new AuthIds(random), clock);

    private static ApiKeyAdmin.NewKey request(Scope... scopes) {
        return new ApiKeyAdmin.NewKey("ci", scopes.length == 0 ? EnumSet.noneOf(Scope.class) : EnumSet.of(scopes[0], scopes),
                null, null);
    }

    private static AuthRefusal.Reason reasonOf(Runnable call) {
        try {
            call.run();
        } catch (AuthRefusal refusal) {
            return refusal.reason();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void a_created_key_is_stored_by_hash_and_authenticates_as_the_creators_tenant() {
        var issued = admin.create(MANAGER, request(Scope.LEDGER_READ));

        assertThat(issued.stored().keyHash()).isEqualTo(ApiKeyMaterial.hash(issued.key()));
        assertThat(issued.stored().tenantId()).isEqualTo("default");
        assertThat(issued.stored().createdAt()).isEqualTo(NOW);
        assertThat(store.keys).containsKey(issued.stored().id());
        var result = (Authentication.Authenticated) authenticator.authenticate("Bearer " + issued.key());
        assertThat(result.caller().scopes()).containsExactly(Scope.LEDGER_READ);
    }

    @Test
    void a_key_cannot_grant_a_scope_it_does_not_hold_and_nothing_is_stored() {
        assertThatThrownBy(() -> admin.create(MANAGER, request(Scope.LEDGER_READ, Scope.LEDGER_WRITE)))
                .isInstanceOf(AuthRefusal.class)
                .hasMessageContaining("ledger:write")
                .extracting(e -> ((AuthRefusal) e).reason()).isEqualTo(AuthRefusal.Reason.INSUFFICIENT_SCOPE);
        assertThat(store.keys).isEmpty();
    }

    @Test
    void a_key_needs_a_name_at_least_one_scope_and_a_future_expiry() {
        assertThat(reasonOf(() -> admin.create(MANAGER, request()))).isEqualTo(AuthRefusal.Reason.VALIDATION_FAILED);
        assertThat(reasonOf(() -> admin.create(MANAGER, new ApiKeyAdmin.NewKey(" ", EnumSet.of(Scope.LEDGER_READ),
                null, null)))).isEqualTo(AuthRefusal.Reason.VALIDATION_FAILED);
        assertThat(reasonOf(() -> admin.create(MANAGER, new ApiKeyAdmin.NewKey("a\u0000b", EnumSet.of(Scope.LEDGER_READ),
                null, null)))).isEqualTo(AuthRefusal.Reason.VALIDATION_FAILED);
        assertThat(reasonOf(() -> admin.create(MANAGER, new ApiKeyAdmin.NewKey("a\ud800b", EnumSet.of(Scope.LEDGER_READ),
                null, null)))).isEqualTo(AuthRefusal.Reason.VALIDATION_FAILED);
        assertThat(reasonOf(() -> admin.create(MANAGER, new ApiKeyAdmin.NewKey("ci", EnumSet.of(Scope.LEDGER_READ),
                NOW, null)))).isEqualTo(AuthRefusal.Reason.VALIDATION_FAILED);
        assertThat(store.keys).isEmpty();

        admin.create(MANAGER, new ApiKeyAdmin.NewKey("ci \ud83d\udd11", EnumSet.of(Scope.LEDGER_READ),
                NOW.plusSeconds(1), new KeyRateLimit(1, 1)));
        assertThat(store.keys).hasSize(1);
    }

    @Test
    void a_tenant_lists_only_its_own_keys() {
        admin.create(MANAGER, request(Scope.LEDGER_READ));
        var other = admin.createTenant(OPERATOR, "acme");

        assertThat(admin.list(MANAGER)).hasSize(1).allMatch(k -> k.tenantId().equals("default"));
        Caller acme = new Caller(other.tenant().id(), other.firstKey().stored().id(), EnumSet.allOf(Scope.class), false);
        assertThat(admin.list(acme)).extracting(k -> k.id()).containsExactly(other.firstKey().stored().id());
    }

    @Test
    void revoking_refuses_the_key_on_this_node_at_once_and_announces_it() {
        var issued = admin.create(MANAGER, request(Scope.LEDGER_READ));
        assertThat(authenticator.authenticate("Bearer " + issued.key())).isInstanceOf(Authentication.Authenticated.class);

        admin.revoke(MANAGER, issued.stored().id());

        assertThat(authenticator.authenticate("Bearer " + issued.key())).isInstanceOf(Authentication.Invalid.class);
        assertThat(broadcast).containsExactly(issued.stored().keyHash());
        assertThat(store.keys.get(issued.stored().id()).revokedAt()).isEqualTo(NOW);
    }

    @Test
    void another_tenants_key_is_not_found_and_stays_valid() {
        var acme = admin.createTenant(OPERATOR, "acme");

        assertThat(reasonOf(() -> admin.revoke(MANAGER, acme.firstKey().stored().id())))
                .isEqualTo(AuthRefusal.Reason.API_KEY_NOT_FOUND);
        assertThat(reasonOf(() -> admin.revoke(MANAGER, "key_unknown"))).isEqualTo(AuthRefusal.Reason.API_KEY_NOT_FOUND);
        assertThat(authenticator.authenticate("Bearer " + acme.firstKey().key()))
                .isInstanceOf(Authentication.Authenticated.class);
        assertThat(broadcast).isEmpty();
    }

    @Test
    void only_the_operator_creates_tenants_whose_first_key_holds_every_scope() {
        Caller allScopes = new Caller("default", "key_x", EnumSet.allOf(Scope.class), false);
        assertThat(reasonOf(() -> admin.createTenant(allScopes, "acme"))).isEqualTo(AuthRefusal.Reason.INSUFFICIENT_SCOPE);
        assertThat(store.tenants).hasSize(1);

        var acme = admin.createTenant(OPERATOR, "acme");

        assertThat(acme.tenant().id()).matches("ten_[a-z2-7]{20}");
        assertThat(acme.firstKey().stored().scopes()).isEqualTo(EnumSet.allOf(Scope.class));
        var result = (Authentication.Authenticated) authenticator.authenticate("Bearer " + acme.firstKey().key());
        assertThat(result.caller().tenantId()).isEqualTo(acme.tenant().id());
        assertThat(result.caller().operator()).isFalse();
    }
}
