package dev.polyledger.platform.http.auth.config;

import dev.polyledger.platform.http.auth.domain.BootstrapKey;
import dev.polyledger.platform.http.auth.domain.KeyRateLimit;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.value.PropertyResolver;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authentication settings of a service, read at startup (a {@link Context} bean, so that a bad value stops
 * the start instead of the first request). Each property falls back to the platform's environment variable, so a
 * service needs no configuration of its own for them:
 * <table>
 * <caption>settings</caption>
 * <tr><th>property</th><th>environment</th><th>default</th></tr>
 * <tr><td>{@code platform.auth.enabled}</td><td>{@code LEDGER_AUTH_ENABLED}</td><td>true; false lets every request
 * through as tenant {@code default}, for benchmarking the cost of the check only</td></tr>
 * <tr><td>{@code platform.auth.bootstrap-key}</td><td>{@code LEDGER_BOOTSTRAP_KEY}</td><td>none; at least 32
 * characters</td></tr>
 * <tr><td>{@code platform.auth.bootstrap-rate-limit}</td><td>{@code LEDGER_BOOTSTRAP_RATE_LIMIT}</td><td>none
 * (unlimited); requests per second, burst twice that</td></tr>
 * <tr><td>{@code platform.auth.rate-limit.per-second} / {@code .burst}</td><td></td><td>500 / 1000</td></tr>
 * <tr><td>{@code platform.auth.cache-ttl}</td><td></td><td>5s: the longest a revoked key may still work on a node
 * that missed the revocation broadcast</td></tr>
 * <tr><td>{@code platform.auth.cache-max-size}</td><td></td><td>100000 keys</td></tr>
 * <tr><td>{@code platform.auth.management-api.enabled}</td><td></td><td>false; api-node turns the key and tenant
 * endpoints on</td></tr>
 * </table>
 *
 * @throws IllegalArgumentException (at startup) when the operator key is shorter than 32 characters or a number is
 *                                  out of range
 */
@Context
public class AuthSettings {
    private static final Logger LOG = LoggerFactory.getLogger(AuthSettings.class);

    private final boolean enabled;
    private final BootstrapKey bootstrapKey;
    private final KeyRateLimit bootstrapRateLimit;
    private final KeyRateLimit defaultRateLimit;
    private final Duration cacheTtl;
    private final long cacheMaxSize;

    public AuthSettings(PropertyResolver properties,
                        @Value("${platform.auth.rate-limit.per-second:500}") int perSecond,
                        @Value("${platform.auth.rate-limit.burst:1000}") int burst,
                        @Value("${platform.auth.cache-ttl:5s}") Duration cacheTtl,
                        @Value("${platform.auth.cache-max-size:100000}") long cacheMaxSize) {
        this.enabled = isEnabled(properties);
        String bootstrapKey = setting(properties, "platform.auth.bootstrap-key", "ledger.bootstrap-key", String.class, "");
        int bootstrapRate = setting(properties, "platform.auth.bootstrap-rate-limit", "ledger.bootstrap-rate-limit",
                Integer.class, 0);
        this.bootstrapKey = bootstrapKey == null || bootstrapKey.isEmpty() ? null : new BootstrapKey(bootstrapKey);
        if (bootstrapRate < 0 || bootstrapRate > KeyRateLimit.MAX / 2) {
            throw new IllegalArgumentException("platform.auth.bootstrap-rate-limit (LEDGER_BOOTSTRAP_RATE_LIMIT) must be "
                    + "0 (none) to " + KeyRateLimit.MAX / 2 + " requests per second, was " + bootstrapRate);
        }
        this.bootstrapRateLimit = bootstrapRate == 0 ? null : new KeyRateLimit(bootstrapRate, 2 * bootstrapRate);
        this.defaultRateLimit = new KeyRateLimit(perSecond, burst);
        if (cacheTtl.isNegative() || cacheTtl.compareTo(Duration.ofSeconds(5)) > 0) {
            throw new IllegalArgumentException("platform.auth.cache-ttl must be 0 to 5s (revocation reaches every node "
                    + "within 5 s), was " + cacheTtl);
        }
        this.cacheTtl = cacheTtl;
        if (cacheMaxSize < 1) {
            throw new IllegalArgumentException("platform.auth.cache-max-size must be positive");
        }
        this.cacheMaxSize = cacheMaxSize;
        if (!this.enabled) {
            LOG.warn("AUTHENTICATION IS OFF (platform.auth.enabled / LEDGER_AUTH_ENABLED=false): every /api/v1/ request "
                    + "is let through as tenant default with every scope. Only for measuring the cost of the check.");
        }
    }

    /** Whether authentication is on: {@code platform.auth.enabled}, else {@code LEDGER_AUTH_ENABLED}, else true. */
    public static boolean isEnabled(PropertyResolver properties) {
        return setting(properties, "platform.auth.enabled", "ledger.auth-enabled", Boolean.class, true);
    }

    /**
     * The property, else the environment variable's property (Micronaut maps {@code LEDGER_AUTH_ENABLED} to
     * {@code ledger.auth-enabled}, among other spellings), else the default.
     */
    private static <T> T setting(PropertyResolver properties, String name, String environmentName, Class<T> type,
                                 T defaultValue) {
        return properties.getProperty(name, type)
                .or(() -> properties.getProperty(environmentName, type))
                .orElse(defaultValue);
    }

    public boolean enabled() {
        return enabled;
    }

    /** The operator key, or null when none is configured. */
    public BootstrapKey bootstrapKey() {
        return bootstrapKey;
    }

    /** The operator key's rate limit, or null when it has none. */
    public KeyRateLimit bootstrapRateLimit() {
        return bootstrapRateLimit;
    }

    public KeyRateLimit defaultRateLimit() {
        return defaultRateLimit;
    }

    public Duration cacheTtl() {
        return cacheTtl;
    }

    public long cacheMaxSize() {
        return cacheMaxSize;
    }
}
