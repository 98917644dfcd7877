package dev.polyledger.platform.testing;

import dev.polyledger.platform.http.auth.Scope;
import dev.polyledger.platform.http.auth.adapter.out.postgres.AuthSchema;
import dev.polyledger.platform.http.auth.adapter.out.postgres.PostgresApiKeyStore;
import dev.polyledger.platform.http.auth.domain.ApiKey;
import dev.polyledger.platform.http.auth.domain.ApiKeyMaterial;
import dev.polyledger.platform.http.auth.domain.AuthIds;
import dev.polyledger.platform.http.auth.domain.Tenant;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Tenants and API keys made directly in a test database (schema {@code auth}, migrated here when the service has
 * not done it yet), for integration tests that call a service's {@code /api/v1/} as a given tenant with given
 * scopes, without going through the key API. Pass the key to {@link HttpTestClient#useApiKey}.
 *
 * <pre>{@code
 * var acme = TestTenants.create(dataSource, Scope.LEDGER_READ, Scope.LEDGER_WRITE);
 * var client = new HttpTestClient(baseUrl).useApiKey(acme.key());
 * }</pre>
 */
public final class TestTenants {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ApiKeyMaterial MATERIAL = new ApiKeyMaterial(RANDOM);
    private static final AuthIds IDS = new AuthIds(RANDOM);

    private TestTenants() {
    }

    /**
     * A tenant and one key of it.
     *
     * @param tenantId the tenant, {@code ten_…} or {@code default}
     * @param keyId    the key's id (the {@code actor} of what it does)
     * @param key      the key itself, for {@code Authorization: Bearer}
     */
    public record TestTenant(String tenantId, String keyId, String key) {
    }

    /** A new tenant with one key holding {@code scopes} (every scope when none are given). */
    public static TestTenant create(DataSource dataSource, Scope... scopes) {
        AuthSchema.migrate(dataSource);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Tenant tenant = new Tenant(IDS.newTenantId(), "test tenant", now);
        ApiKeyMaterial.NewSecret secret = MATERIAL.generate();
        ApiKey key = key(tenant.id(), secret, scopes, now);
        new PostgresApiKeyStore(dataSource).insertTenant(tenant, key);
        return new TestTenant(tenant.id(), key.id(), secret.key());
    }

    /** A new tenant with one key, in the database at {@code jdbcUrl}. */
    public static TestTenant create(String jdbcUrl, String user, String password, Scope... scopes) {
        return create(dataSource(jdbcUrl, user, password), scopes);
    }

    /** A new key of the tenant {@code default} (where existing data lives) holding {@code scopes} (all if none). */
    public static TestTenant defaultTenantKey(DataSource dataSource, Scope... scopes) {
        AuthSchema.migrate(dataSource);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ApiKeyMaterial.NewSecret secret = MATERIAL.generate();
        ApiKey key = key(AuthIds.DEFAULT_TENANT, secret, scopes, now);
        new PostgresApiKeyStore(dataSource).insert(key);
        return new TestTenant(AuthIds.DEFAULT_TENANT, key.id(), secret.key());
    }

    /** A new key of the tenant {@code default}, in the database at {@code jdbcUrl}. */
    public static TestTenant defaultTenantKey(String jdbcUrl, String user, String password, Scope... scopes) {
        return defaultTenantKey(dataSource(jdbcUrl, user, password), scopes);
    }

    /** A plain (unpooled) data source for {@code jdbcUrl}; {@code password} may be null. */
    public static DataSource dataSource(String jdbcUrl, String user, String password) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl);
        dataSource.setUser(user);
        if (password != null) {
            dataSource.setPassword(password);
        }
        return dataSource;
    }

    private static ApiKey key(String tenantId, ApiKeyMaterial.NewSecret secret, Scope[] scopes, Instant now) {
        Set<Scope> granted = scopes.length == 0 ? EnumSet.allOf(Scope.class) : EnumSet.of(scopes[0], scopes);
        return new ApiKey(IDS.newKeyId(), tenantId, "test key", secret.prefix(), secret.hash(), granted, null, now,
                null, null);
    }
}
