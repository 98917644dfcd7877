package dev.polyledger.platform.http.auth.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.platform.http.auth.Caller;
import dev.polyledger.platform.http.auth.Scope;
import dev.polyledger.platform.http.auth.domain.ApiKey;
import dev.polyledger.platform.http.auth.domain.ApiKeyMaterial;
import dev.polyledger.platform.http.auth.domain.BootstrapKey;
import dev.polyledger.platform.http.auth.domain.KeyRateLimit;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
    private static final String OPERATOR_KEY = "operator-key-0123456789abcdefghijkl";
    private static final KeyRateLimit DEFAULT_LIMIT = new KeyRateLimit(500, 1000);
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private final InMemoryApiKeyStore store = new InMemoryApiKeyStore();
    private final MutableClock clock = new MutableClock(NOW);
    private final ApiKeyMaterial material = new ApiKeyMaterial(new SecureRandom());
    private final Authenticator authenticator = new Authenticator(store, clock, new BootstrapKey(OPERATOR_KEY),
            DEFAULT_LIMIT, null, Duration.ofSeconds(5), 1000, clock.ticker());

    private String storedKey(Set<Scope> scopes, Instant expiresAt, KeyRateLimit limit) {
        var secret = material.generate();
        store.insert(new ApiKey("key_" + "a".repeat(19) + store.keys.size(), "default", "test", secret.prefix(),
                secret.hash(), scopes, limit, NOW, expiresAt, null));
        return secret.key();
    }

    private static Caller callerOf(Authentication authentication) {
        assertThat(authentication).isInstanceOf(Authentication.Authenticated.class);
        return ((Authentication.Authenticated) authentication).caller();
    }

    @Test
    void no_header_or_another_scheme_is_missing_credentials() {
        assertThat(authenticator.authenticate(null)).isInstanceOf(Authentication.Missing.class);
        assertThat(authenticator.authenticate("Basic dXNlcjpwYXNz")).isInstanceOf(Authentication.Missing.class);
        assertThat(authenticator.authenticate("Bearerx abc")).isInstanceOf(Authentication.Missing.class);
    }

    @Test
    void an_empty_malformed_or_unknown_token_is_invalid() {
        assertThat(authenticator.authenticate("Bearer")).isInstanceOf(Authentication.Invalid.class);
        assertThat(authenticator.authenticate("Bearer not-a-key")).isInstanceOf(Authentication.Invalid.class);
        assertThat(authenticator.authenticate("Bearer " + material.generate().key()))
                .isInstanceOf(Authentication.Invalid.class);
    }

    @Test
    void a_stored_key_authenticates_as_its_tenant_key_id_and_scopes_with_the_default_rate_limit() {
        String key = storedKey(EnumSet.of(Scope.LEDGER_READ), null, null);

        var result = (Authentication.Authenticated) authenticator.authenticate("Bearer " + key);

        assertThat(result.caller().tenantId()).isEqualTo("default");
        assertThat(result.caller().keyId()).startsWith("key_");
        assertThat(result.caller().scopes()).containsExactly(Scope.LEDGER_READ);
        assertThat(result.caller().operator()).isFalse();
        assertThat(result.rateLimit()).isEqualTo(DEFAULT_LIMIT);
    }

    @Test
    void the_scheme_is_case_insensitive() {
        String key = storedKey(EnumSet.of(Scope.LEDGER_READ), null, null);

        assertThat(callerOf(authenticator.authenticate("bearer " + key)).keyId()).startsWith("key_");
        assertThat(callerOf(authenticator.authenticate("BEARER  " + key)).keyId()).startsWith("key_");
    }

    @Test
    void a_key_with_its_own_rate_limit_is_held_to_it() {
        String key = storedKey(EnumSet.of(Scope.LEDGER_READ), null, new KeyRateLimit(2, 3));

        var result = (Authentication.Authenticated) authenticator.authenticate("Bearer " + key);

        assertThat(result.rateLimit()).isEqualTo(new KeyRateLimit(2, 3));
    }

    @Test
    void the_operator_key_is_tenant_default_with_every_scope_and_no_rate_limit() {
        var result = (Authentication.Authenticated) authenticator.authenticate("Bearer " + OPERATOR_KEY);

        assertThat(result.caller()).isEqualTo(new Caller("default", "bootstrap", EnumSet.allOf(Scope.class), true));
        assertThat(result.rateLimit()).isNull();
        assertThat(store.lookups).isZero();
    }

    @Test
    void the_operator_key_has_a_rate_limit_when_one_is_configured() {
        var limited = new Authenticator(store, clock, new BootstrapKey(OPERATOR_KEY), DEFAULT_LIMIT,
                new KeyRateLimit(100, 200), Duration.ofSeconds(5), 1000, clock.ticker());

        var result = (Authentication.Authenticated) limited.authenticate("Bearer " + OPERATOR_KEY);

        assertThat(result.rateLimit()).isEqualTo(new KeyRateLimit(100, 200));
    }

    @Test
    void without_an_operator_key_configured_nothing_is_the_operator() {
        var none = new Authenticator(store, clock, null, DEFAULT_LIMIT, null, Duration.ofSeconds(5), 1000,
                clock.ticker());

        assertThat(none.authenticate("Bearer " + OPERATOR_KEY)).isInstanceOf(Authentication.Invalid.class);
    }

    @Test
    void a_verified_key_is_served_from_the_cache_until_its_time_to_live_passes() {
        String key = storedKey(EnumSet.of(Scope.LEDGER_READ), null, null);

        callerOf(authenticator.authenticate("Bearer " + key));
        callerOf(authenticator.authenticate("Bearer " + key));
        clock.advance(Duration.ofMillis(4_900));
        callerOf(authenticator.authenticate("Bearer " + key));
        assertThat(store.lookups).isEqualTo(1);

        clock.advance(Duration.ofMillis(200));
        callerOf(authenticator.authenticate("Bearer " + key));
        assertThat(store.lookups).isEqualTo(2);
    }

    @Test
    void a_revoked_key_is_refused_once_the_cache_forgets_it() {
        String key = storedKey(EnumSet.of(Scope.LEDGER_READ), null, null);
        callerOf(authenticator.authenticate("Bearer " + key));
        ApiKey stored = store.keys.values().iterator().next();
        store.revoke("default", stored.id(), NOW);

        // Cached: still accepted until the revocation is announced or the time to live passes.
        callerOf(authenticator.authenticate("Bearer " + key));
        authenticator.invalidate(stored.keyHash());

        assertThat(authenticator.authenticate("Bearer " + key)).isInstanceOf(Authentication.Invalid.class);
    }

    @Test
    void a_revoked_key_is_refused_at_most_one_time_to_live_later_without_an_announcement() {
        String key = storedKey(EnumSet.of(Scope.LEDGER_READ), null, null);
        callerOf(authenticator.authenticate("Bearer " + key));
        store.revoke("default", store.keys.keySet().iterator().next(), NOW);

        clock.advance(Duration.ofSeconds(5));

        assertThat(authenticator.authenticate("Bearer " + key)).isInstanceOf(Authentication.Invalid.class);
    }

    @Test
    void a_cached_key_is_refused_from_the_instant_it_expires() {
        Instant expiresAt = NOW.plusSeconds(2);
        String key = storedKey(EnumSet.of(Scope.LEDGER_READ), expiresAt, null);
        callerOf(authenticator.authenticate("Bearer " + key));

        clock.set(expiresAt.minusMillis(1));
        callerOf(authenticator.authenticate("Bearer " + key));
        clock.set(expiresAt);

        assertThat(authenticator.authenticate("Bearer " + key)).isInstanceOf(Authentication.Invalid.class);
        assertThat(store.lookups).isEqualTo(1);
    }

    @Test
    void an_unknown_key_is_remembered_for_one_second_only() {
        String unknown = material.generate().key();

        authenticator.authenticate("Bearer " + unknown);
        authenticator.authenticate("Bearer " + unknown);
        assertThat(store.lookups).isEqualTo(1);

        clock.advance(Duration.ofMillis(1_001));
        authenticator.authenticate("Bearer " + unknown);
        assertThat(store.lookups).isEqualTo(2);
    }

    @Test
    void a_malformed_token_costs_no_lookup() {
        authenticator.authenticate("Bearer plk_tooshort");
        authenticator.authenticate("Bearer " + "x".repeat(47));

        assertThat(store.lookups).isZero();
    }

    @Test
    void forgetting_every_key_makes_the_next_request_ask_the_store() {
        String key = storedKey(EnumSet.of(Scope.LEDGER_READ), null, null);
        callerOf(authenticator.authenticate("Bearer " + key));

        authenticator.invalidateAll();
        callerOf(authenticator.authenticate("Bearer " + key));

        assertThat(store.lookups).isEqualTo(2);
    }

    @Test
    void from_memory_a_key_not_yet_verified_needs_the_store_and_the_store_is_not_asked() {
        String key = storedKey(EnumSet.of(Scope.LEDGER_READ), null, null);

        assertThat(authenticator.authenticateFromMemory("Bearer " + key)).as("only the store can tell").isNull();
        assertThat(store.lookups).isZero();
    }

    @Test
    void from_memory_a_verified_key_authenticates_as_the_store_said_without_another_lookup() {
        String key = storedKey(EnumSet.of(Scope.LEDGER_WRITE), null, null);
        var fromStore = (Authentication.Authenticated) authenticator.authenticate("Bearer " + key);

        var fromMemory = authenticator.authenticateFromMemory("Bearer " + key);

        assertThat(fromMemory).isEqualTo(fromStore);
        assertThat(store.lookups).isEqualTo(1);
    }

    @Test
    void from_memory_missing_malformed_operator_recently_unknown_and_expired_keys_are_answered() {
        String unknownKey = material.generate().key();
        authenticator.authenticate("Bearer " + unknownKey);
        Instant expiresAt = NOW.plusSeconds(2);
        String expiring = storedKey(EnumSet.of(Scope.LEDGER_READ), expiresAt, null);
        authenticator.authenticate("Bearer " + expiring);

        assertThat(authenticator.authenticateFromMemory(null)).isInstanceOf(Authentication.Missing.class);
        assertThat(authenticator.authenticateFromMemory("Bearer not-a-key")).isInstanceOf(Authentication.Invalid.class);
        assertThat(callerOf(authenticator.authenticateFromMemory("Bearer " + OPERATOR_KEY)).operator()).isTrue();
        assertThat(authenticator.authenticateFromMemory("Bearer " + unknownKey))
                .as("unknown for the negative time to live").isInstanceOf(Authentication.Invalid.class);
        clock.set(expiresAt);
        assertThat(authenticator.authenticateFromMemory("Bearer " + expiring))
                .isInstanceOf(Authentication.Invalid.class);
        assertThat(store.lookups).isEqualTo(2);
    }
}
