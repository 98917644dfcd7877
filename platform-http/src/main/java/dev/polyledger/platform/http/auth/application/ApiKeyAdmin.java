package dev.polyledger.platform.http.auth.application;

import dev.polyledger.platform.http.auth.Caller;
import dev.polyledger.platform.http.auth.Scope;
import dev.polyledger.platform.http.auth.application.port.out.ApiKeyStore;
import dev.polyledger.platform.http.auth.application.port.out.RevocationBroadcast;
import dev.polyledger.platform.http.auth.domain.ApiKey;
import dev.polyledger.platform.http.auth.domain.ApiKeyMaterial;
import dev.polyledger.platform.http.auth.domain.AuthIds;
import dev.polyledger.platform.http.auth.domain.KeyRateLimit;
import dev.polyledger.platform.http.auth.domain.ScopeGrant;
import dev.polyledger.platform.http.auth.domain.Tenant;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Creating, listing and revoking a tenant's API keys, and creating tenants (api-contract.md, "Authentication and
 * tenants"). Every operation is confined to the caller's tenant.
 *
 * <p>Checks of {@link #create}, in order: name (1 to {@value #MAX_NAME_LENGTH} characters, no control characters),
 * scopes (at least one), expiry (after now), then the grant (every scope held by the caller, else
 * {@link AuthRefusal.Reason#INSUFFICIENT_SCOPE}).
 */
public class ApiKeyAdmin {
    public static final int MAX_NAME_LENGTH = 200;
    /** The latest expiry accepted (PostgreSQL's {@code timestamptz} and RFC 3339's four-digit years end there). */
    public static final Instant LATEST_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");
    private static final String NO_SUCH_KEY = "this tenant has no API key of that id";
    private static final Pattern KEY_ID = Pattern.compile("key_[a-z2-7]{20}");
    /** The name given to a tenant's first key. */
    public static final String FIRST_KEY_NAME = "initial key";

    private final ApiKeyStore store;
    private final RevocationBroadcast broadcast;
    private final Authenticator authenticator;
    private final ApiKeyMaterial material;
    private final AuthIds ids;
    private final Clock clock;

    public ApiKeyAdmin(ApiKeyStore store, RevocationBroadcast broadcast, Authenticator authenticator,
                       ApiKeyMaterial material, AuthIds ids, Clock clock) {
        this.store = store;
        this.broadcast = broadcast;
        this.authenticator = authenticator;
        this.material = material;
        this.ids = ids;
        this.clock = clock;
    }

    /** A request for a new key. {@code expiresAt} and {@code rateLimit} may be null. */
    public record NewKey(String name, Set<Scope> scopes, Instant expiresAt, KeyRateLimit rateLimit) {
    }

    /** A created key with its secret, which exists only in this answer (shown once). */
    public record IssuedKey(ApiKey stored, String key) {
        @Override
        public String toString() {
            return "IssuedKey[" + stored + "]";
        }
    }

    /** A created tenant with its first key. */
    public record IssuedTenant(Tenant tenant, IssuedKey firstKey) {
    }

    /**
     * Creates a key of the caller's tenant.
     *
     * @throws AuthRefusal {@code VALIDATION_FAILED} (name, scopes, expiresAt) or {@code INSUFFICIENT_SCOPE}
     */
    public IssuedKey create(Caller caller, NewKey request) {
        Instant now = now();
        validName(request.name());
        if (request.scopes() == null || request.scopes().isEmpty()) {
            throw AuthRefusal.invalid("scopes", "a key needs at least one scope");
        }
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            throw AuthRefusal.invalid("expiresAt", "expiresAt must be in the future");
        }
        if (request.expiresAt() != null && request.expiresAt().isAfter(LATEST_EXPIRY)) {
            throw AuthRefusal.invalid("expiresAt", "expiresAt must be before the year 10000");
        }
        Set<Scope> notHeld = ScopeGrant.notHeld(caller.scopes(), request.scopes());
        if (!notHeld.isEmpty()) {
            throw new AuthRefusal(AuthRefusal.Reason.INSUFFICIENT_SCOPE, "scopes",
                    "a key cannot grant scopes it does not hold: " + wire(notHeld));
        }
        IssuedKey issued = newKey(caller.tenantId(), request.name(), request.scopes(), request.expiresAt(),
                request.rateLimit(), now);
        store.insert(issued.stored());
        return issued;
    }

    /** The caller's tenant's keys, revoked ones included. */
    public List<ApiKey> list(Caller caller) {
        return store.listByTenant(caller.tenantId());
    }

    /**
     * Revokes a key of the caller's tenant, on this node at once and on every other within the cache's time to
     * live (at once where the broadcast arrives). Revoking a revoked key changes nothing.
     *
     * @throws AuthRefusal {@code API_KEY_NOT_FOUND} when the tenant has no key {@code keyId} (an id that is not of
     *                     the shape {@code key_…} names nothing and is not looked up)
     */
    public ApiKey revoke(Caller caller, String keyId) {
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            throw new AuthRefusal(AuthRefusal.Reason.API_KEY_NOT_FOUND, null, NO_SUCH_KEY);
        }
        ApiKey revoked = store.revoke(caller.tenantId(), keyId, now())
                .orElseThrow(() -> new AuthRefusal(AuthRefusal.Reason.API_KEY_NOT_FOUND, null, NO_SUCH_KEY));
        authenticator.invalidate(revoked.keyHash());
        broadcast.revoked(revoked.keyHash());
        return revoked;
    }

    /**
     * Creates a tenant and its first key, which holds every scope.
     *
     * @throws AuthRefusal {@code INSUFFICIENT_SCOPE} when the caller is not the operator; {@code VALIDATION_FAILED}
     *                     for the name
     */
    public IssuedTenant createTenant(Caller caller, String name) {
        if (!caller.operator()) {
            throw new AuthRefusal(AuthRefusal.Reason.INSUFFICIENT_SCOPE, null, "only the operator key creates tenants");
        }
        validName(name);
        Instant now = now();
        Tenant tenant = new Tenant(ids.newTenantId(), name, now);
        IssuedKey first = newKey(tenant.id(), FIRST_KEY_NAME, EnumSet.allOf(Scope.class), null, null, now);
        store.insertTenant(tenant, first.stored());
        return new IssuedTenant(tenant, first);
    }

    /** Now, to the microsecond PostgreSQL keeps, so that an answer shows what a later listing shows. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private IssuedKey newKey(String tenantId, String name, Set<Scope> scopes, Instant expiresAt, KeyRateLimit rateLimit,
                             Instant now) {
        ApiKeyMaterial.NewSecret secret = material.generate();
        ApiKey key = new ApiKey(ids.newKeyId(), tenantId, name, secret.prefix(), secret.hash(), scopes, rateLimit,
                now, expiresAt, null);
        return new IssuedKey(key, secret.key());
    }

    private static void validName(String name) {
        if (name == null || name.isBlank()) {
            throw AuthRefusal.invalid("name", "name is required");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw AuthRefusal.invalid("name", "name has more than " + MAX_NAME_LENGTH + " characters");
        }
        if (name.chars().anyMatch(Character::isISOControl) || !wellFormed(name)) {
            throw AuthRefusal.invalid("name", "name contains control characters or lone surrogates");
        }
    }

    private static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static String wire(Set<Scope> scopes) {
        return scopes.stream().map(Scope::wireName).collect(Collectors.joining(", "));
    }
}
