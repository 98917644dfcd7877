package dev.polyledger.platform.testing;

import dev.polyledger.platform.http.auth.Scope;
import dev.polyledger.platform.http.auth.adapter.out.postgres.PostgresApiKeyStore;
import dev.polyledger.platform.http.auth.domain.ApiKey;
import dev.polyledger.platform.http.auth.domain.ApiKeyMaterial;
import dev.polyledger.platform.http.auth.domain.AuthIds;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;

/**
 * API keys of one service's integration tests, made with {@link TestTenants} in the test database that the service
 * under test authenticates against: {@link #defaultKey()} for the tests of data without a tenant (tenant
 * {@code default}), {@link #newTenant} for tenants of their own, {@link #newKey} for another key of a tenant.
 */
public final class TestKeys {
    private final TestDatabase database;
    private final Scope defaultScope;
    private TestTenants.TestTenant defaultKey;

    /**
     * @param database     where platform-http keeps the keys of the service under test
     * @param defaultScope the scope of {@link #defaultKey()}, the one the service's routes need
     */
    public TestKeys(TestDatabase database, Scope defaultScope) {
        this.database = database;
        this.defaultScope = defaultScope;
    }

    /** A key of tenant {@code default} with the default scope, made once per instance. */
    public synchronized TestTenants.TestTenant defaultKey() {
        if (defaultKey == null) {
            database.ensureExists();
            defaultKey = TestTenants.defaultTenantKey(database.url(), database.user(), database.password(),
                    defaultScope);
        }
        return defaultKey;
    }

    /** A new tenant with one key holding {@code scopes} (at least one). */
    public TestTenants.TestTenant newTenant(Scope... scopes) {
        if (scopes.length == 0) {
            throw new IllegalArgumentException("name the scopes of the key");
        }
        database.ensureExists();
        return TestTenants.create(database.url(), database.user(), database.password(), scopes);
    }

    /**
     * Another key of an existing tenant holding {@code scopes} (at least one), stored by platform-http's own key store
     * (what {@link TestTenants} does for a new tenant): for refusals of a key of the very tenant that owns the data.
     */
    public TestTenants.TestTenant newKey(String tenantId, Scope... scopes) {
        if (scopes.length == 0) {
            throw new IllegalArgumentException("name the scopes of the key");
        }
        SecureRandom random = new SecureRandom();
        ApiKeyMaterial.NewSecret secret = new ApiKeyMaterial(random).generate();
        ApiKey key = new ApiKey(new AuthIds(random).newKeyId(), tenantId, "test key", secret.prefix(), secret.hash(),
                EnumSet.of(scopes[0], scopes), null, Instant.now().truncatedTo(ChronoUnit.MICROS), null, null);
        new PostgresApiKeyStore(TestTenants.dataSource(database.url(), database.user(), database.password()))
                .insert(key);
        return new TestTenants.TestTenant(tenantId, key.id(), secret.key());
    }
}
