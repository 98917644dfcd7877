package dev.polyledger.platform.http.auth.domain;

import dev.polyledger.platform.http.auth.Scope;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A stored API key: everything but the key itself, of which only the SHA-256 ({@link ApiKeyMaterial#hash}) is
 * kept. {@link #toString()} leaves the hash out.
 *
 * @param id        {@code key_…}
 * @param tenantId  the tenant whose data the key sees
 * @param name      a label chosen by its creator
 * @param prefix    the first 12 characters of the key, by which it is listed
 * @param keyHash   lower-case hex SHA-256 of the key
 * @param scopes    what it may do; never empty
 * @param rateLimit its own rate limit, or null for the platform default
 * @param createdAt when it was created
 * @param expiresAt from this instant on it is refused; null when it never expires
 * @param revokedAt when it was revoked, or null
 */
public record ApiKey(String id, String tenantId, String name, String prefix, String keyHash, Set<Scope> scopes,
                     KeyRateLimit rateLimit, Instant createdAt, Instant expiresAt, Instant revokedAt) {

    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(keyHash, "keyHash");
        Objects.requireNonNull(createdAt, "createdAt");
        scopes = Set.copyOf(scopes);
    }

    /**
     * Whether the key authenticates a request at {@code now}: not revoked, and {@code now} before its expiry (a key
     * is refused from the very instant of {@code expiresAt}).
     */
    public boolean isUsableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    /** The same key, revoked at {@code at} (unchanged when already revoked). */
    public ApiKey revokedAt(Instant at) {
        return revokedAt != null ? this : new ApiKey(id, tenantId, name, prefix, keyHash, scopes, rateLimit, createdAt,
                expiresAt, at);
    }

    @Override
    public String toString() {
        return "ApiKey[id=" + id + ", tenantId=" + tenantId + ", prefix=" + prefix + ", scopes=" + scopes + "]";
    }
}
