package dev.polyledger.platform.http.auth.application;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.polyledger.platform.http.auth.Caller;
import dev.polyledger.platform.http.auth.Scope;
import dev.polyledger.platform.http.auth.application.port.out.ApiKeyStore;
import dev.polyledger.platform.http.auth.domain.ApiKey;
import dev.polyledger.platform.http.auth.domain.ApiKeyMaterial;
import dev.polyledger.platform.http.auth.domain.AuthIds;
import dev.polyledger.platform.http.auth.domain.BootstrapKey;
import dev.polyledger.platform.http.auth.domain.KeyRateLimit;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Verifies the bearer key of a request without a database round trip per request.
 *
 * <p>Order of checks: no {@code Bearer} credentials → {@link Authentication.Missing}; the operator key (constant-time
 * comparison of SHA-256 digests) → every scope of tenant {@code default}; a token without the shape of a key →
 * invalid without a lookup; else the key is looked up by its SHA-256, first in a cache of the keys verified on this
 * node (time to live {@code cacheTtl}, at most {@code maxCached} entries), then in the store. Hashes the store does
 * not know are remembered as unknown for {@link #NEGATIVE_TTL} so that a client retrying a wrong key does not cost
 * a query each time. Revoked and expired keys are refused; expiry is judged against the clock on every request, so
 * a cached key is refused from the very instant of its {@code expiresAt}.
 *
 * <p>Revocation: {@link #invalidate} drops a key from the cache; the node that revokes calls it directly, and the
 * other nodes on the broadcast revocation message. Without the broadcast, the time to live bounds how long a
 * revoked key keeps working on a node.
 */
public class Authenticator {
    /** How long a hash the store does not know is remembered as unknown. */
    public static final Duration NEGATIVE_TTL = Duration.ofSeconds(1);

    private final ApiKeyStore store;
    private final Clock clock;
    private final BootstrapKey bootstrapKey;
    private final KeyRateLimit defaultRateLimit;
    private final KeyRateLimit bootstrapRateLimit;
    private final Cache<String, ApiKey> verified;
    private final Cache<String, Boolean> unknown;

    /**
     * @param bootstrapKey       the operator key, or null when none is configured
     * @param defaultRateLimit   the rate limit of keys without their own
     * @param bootstrapRateLimit the operator key's rate limit, or null for none
     * @param cacheTtl           how long a verified key is trusted without asking the store again
     * @param maxCached          the most keys cached
     * @param ticker             Caffeine's time source ({@link Ticker#systemTicker()} outside tests)
     */
    public Authenticator(ApiKeyStore store, Clock clock, BootstrapKey bootstrapKey, KeyRateLimit defaultRateLimit,
                         KeyRateLimit bootstrapRateLimit, Duration cacheTtl, long maxCached, Ticker ticker) {
        this.store = store;
        this.clock = clock;
        this.bootstrapKey = bootstrapKey;
        this.defaultRateLimit = defaultRateLimit;
        this.bootstrapRateLimit = bootstrapRateLimit;
        this.verified = Caffeine.newBuilder().expireAfterWrite(cacheTtl).maximumSize(maxCached).ticker(ticker).build();
        this.unknown = Caffeine.newBuilder().expireAfterWrite(NEGATIVE_TTL).maximumSize(maxCached).ticker(ticker).build();
    }

    /**
     * Authenticates a request by the value of its {@code Authorization} header.
     *
     * @param authorization the header's value, or null when absent
     * @throws RuntimeException when the store cannot be reached on a cache miss (answered with {@code 503})
     */
    public Authentication authenticate(String authorization) {
        return authenticate(authorization, true);
    }

    /**
     * {@link #authenticate} without asking the store: what this node can answer from memory alone, which is every
     * request but the first of a key in the cache's time to live (missing and malformed tokens, the operator key, a
     * verified or recently unknown hash). Never blocks, so the event loop may call it.
     *
     * @param authorization the header's value, or null when absent
     * @return the same answer {@link #authenticate} would give, or null when only the store can tell (call
     *         {@link #authenticate} then, on a thread that may block)
     */
    public Authentication authenticateFromMemory(String authorization) {
        return authenticate(authorization, false);
    }

    private Authentication authenticate(String authorization, boolean mayAskStore) {
        String token = bearerToken(authorization);
        if (token == null) {
            return new Authentication.Missing();
        }
        if (token.isEmpty()) {
            return new Authentication.Invalid("empty bearer token");
        }
        byte[] digest = ApiKeyMaterial.sha256(token);
        if (bootstrapKey != null && bootstrapKey.matchesDigest(digest)) {
            return new Authentication.Authenticated(
                    new Caller(AuthIds.DEFAULT_TENANT, AuthIds.BOOTSTRAP_KEY_ID, EnumSet.allOf(Scope.class), true),
                    bootstrapRateLimit);
        }
        if (!ApiKeyMaterial.hasKeyShape(token)) {
            return new Authentication.Invalid("malformed key");
        }
        String hash = HexFormat.of().formatHex(digest);
        ApiKey key;
        if (mayAskStore) {
            key = lookUp(hash);
        } else if (unknown.getIfPresent(hash) != null) {
            key = null;
        } else {
            key = verified.getIfPresent(hash);
            if (key == null) {
                return null;
            }
        }
        if (key == null) {
            return new Authentication.Invalid("unknown key");
        }
        if (key.revokedAt() != null) {
            return new Authentication.Invalid("revoked key " + key.id());
        }
        if (!key.isUsableAt(clock.instant())) {
            return new Authentication.Invalid("expired key " + key.id());
        }
        return new Authentication.Authenticated(new Caller(key.tenantId(), key.id(), key.scopes(), false),
                key.rateLimit() != null ? key.rateLimit() : defaultRateLimit);
    }

    /** Forgets what this node knows of the key whose SHA-256 (hex) is {@code keyHash}. */
    public void invalidate(String keyHash) {
        verified.invalidate(keyHash);
        unknown.invalidate(keyHash);
    }

    /**
     * Forgets every key this node has verified: after the revocation broadcast was interrupted (Redis reconnected),
     * since revocations may have been missed meanwhile.
     */
    public void invalidateAll() {
        verified.invalidateAll();
        unknown.invalidateAll();
    }

    /** The rate limit of keys created without their own. */
    public KeyRateLimit defaultRateLimit() {
        return defaultRateLimit;
    }

    private ApiKey lookUp(String hash) {
        if (unknown.getIfPresent(hash) != null) {
            return null;
        }
        // Loaded atomically per hash: an invalidation arriving during the load waits for it and then removes the
        // entry, so a revocation is never overwritten by a load that began before it.
        ApiKey key = verified.get(hash, h -> store.findByHash(h).orElse(null));
        if (key == null) {
            unknown.put(hash, Boolean.TRUE);
        }
        return key;
    }

    /**
     * The token of {@code Bearer <token>} (RFC 6750 section 2.1; the scheme is case-insensitive, RFC 9110 section
     * 11.1), "" when the scheme is given without a token, or null when the header is absent or of another scheme.
     */
    static String bearerToken(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.strip();
        if (value.length() < 6 || !value.substring(0, 6).toLowerCase(Locale.ROOT).equals("bearer")) {
            return null;
        }
        if (value.length() == 6) {
            return "";
        }
        if (value.charAt(6) != ' ') {
            return null;
        }
        return value.substring(7).strip();
    }
}
