package dev.polyledger.notification.testing;

import dev.polyledger.platform.http.auth.Scope;
import dev.polyledger.platform.http.auth.adapter.out.postgres.PostgresApiKeyStore;
import dev.polyledger.platform.http.auth.domain.ApiKey;
import dev.polyledger.platform.http.auth.domain.ApiKeyMaterial;
import dev.polyledger.platform.http.auth.domain.AuthIds;
import dev.polyledger.platform.testing.TestTenants;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Map;

/**
 * API keys of the notification-worker's integration tests, made with platform-testing's {@link TestTenants} in the test
 * database ({@link TestDatabase}) that the service under test authenticates against: {@link #defaultKey()} for the
 * tests of events published without a tenant (tenant {@code default}), {@link #newTenant} for tenants of their own.
 */
public final class TestAuth {
    private static TestTenants.TestTenant defaultKey;

    private TestAuth() {
    }

    /** A key of tenant {@code default} with {@code webhooks:manage}, made once per JVM. */
    public static synchronized TestTenants.TestTenant defaultKey() {
        if (defaultKey == null) {
            TestDatabase.ensureExists();
            defaultKey = TestTenants.defaultTenantKey(TestDatabase.url(), TestDatabase.user(), TestDatabase.password(),
                    Scope.WEBHOOKS_MANAGE);
        }
        return defaultKey;
    }

    /** A new tenant with one key holding {@code scopes} (at least one). */
    public static TestTenants.TestTenant newTenant(Scope... scopes) {
        if (scopes.length == 0) {
            throw new IllegalArgumentException("name the scopes of the key");
        }
        TestDatabase.ensureExists();
        return TestTenants.create(TestDatabase.url(), TestDatabase.user(), TestDatabase.password(), scopes);
    }

    /**
     * Another key of an existing tenant holding {@code scopes} (at least one), stored by platform-http's own key store
     * (what {@link TestTenants} does for a new tenant): for refusals of a key of the very tenant that owns the data.
     */
    public static TestTenants.TestTenant newKey(String tenantId, Scope... scopes) {
        SecureRandom random = new SecureRandom();
        ApiKeyMaterial.NewSecret secret = new ApiKeyMaterial(random).generate();
        ApiKey key = new ApiKey(new AuthIds(random).newKeyId(), tenantId, "test key", secret.prefix(), secret.hash(),
                EnumSet.of(scopes[0], scopes), null, Instant.now().truncatedTo(ChronoUnit.MICROS), null, null);
        new PostgresApiKeyStore(TestTenants.dataSource(TestDatabase.url(), TestDatabase.user(), TestDatabase.password()))
                .insert(key);
        return new TestTenants.TestTenant(tenantId, key.id(), secret.key());
    }

    /** The properties of a test context: the test database of API keys. */
    public static Map<String, String> properties() {
        return TestDatabase.properties();
    }
}
