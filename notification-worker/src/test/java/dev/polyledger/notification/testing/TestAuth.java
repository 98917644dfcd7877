package dev.polyledger.notification.testing;

import dev.polyledger.platform.http.auth.Scope;
import dev.polyledger.platform.http.auth.domain.ApiKeyMaterial;
import dev.polyledger.platform.http.auth.domain.AuthIds;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Authentication of the notification-worker's integration tests: platform-http's filter against the test database
 * ({@link TestDatabase}), with an operator key of this JVM's own ({@link #OPERATOR_KEY}: tenant {@code default}, every
 * scope), for the tests of events published without a tenant. Tenants and keys of their own come from
 * {@link #newTenant} and {@link #newKey}.
 */
public final class TestAuth {
    /** The operator key ({@code platform.auth.bootstrap-key}) of the test contexts: random, 43 characters. */
    public static final String OPERATOR_KEY = "optest_" + randomText();

    private TestAuth() {
    }

    private static String randomText() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * An API key of a tenant, as a client holds it.
     *
     * @param tenantId the tenant
     * @param keyId    the key's id, the {@code actor} of what it changes
     * @param key      the secret key, for {@code Authorization: Bearer}
     */
    public record TestKey(String tenantId, String keyId, String key) {
    }

    /**
     * A new tenant of its own (id {@code <prefix>-<random>}) with one key holding {@code scopes}, written directly into
     * the test database's {@code auth} schema (which the service under test migrated at its start) as platform-http
     * stores them: the tenant row, and the key's SHA-256 with its prefix.
     */
    public static TestKey newTenant(String prefix, Scope... scopes) {
        String tenantId = prefix + "-" + new AuthIds(RANDOM).newKeyId().substring(4, 14);
        try (var conn = TestDatabase.connect();
             var insert = conn.prepareStatement("INSERT INTO auth.tenant (id, name) VALUES (?, ?)")) {
            insert.setString(1, tenantId);
            insert.setString(2, "test tenant " + tenantId);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create tenant " + tenantId, e);
        }
        return newKey(tenantId, scopes);
    }

    /** A new key of an existing tenant, holding {@code scopes} (at least one). */
    public static TestKey newKey(String tenantId, Scope... scopes) {
        var secret = new ApiKeyMaterial(RANDOM).generate();
        String keyId = new AuthIds(RANDOM).newKeyId();
        try (var conn = TestDatabase.connect();
             var insert = conn.prepareStatement("INSERT INTO auth.api_key (id, tenant_id, name, prefix, key_hash, "
                     + "scopes, created_at) VALUES (?, ?, ?, ?, ?, ?, now())")) {
            insert.setString(1, keyId);
            insert.setString(2, tenantId);
            insert.setString(3, "test key");
            insert.setString(4, secret.prefix());
            insert.setString(5, secret.hash());
            insert.setArray(6, conn.createArrayOf("text", Arrays.stream(scopes).map(Scope::wireName).toArray()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a key of tenant " + tenantId, e);
        }
        return new TestKey(tenantId, keyId, secret.key());
    }

    /** The properties of a test context: the test database and the operator key. */
    public static Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("platform.auth.bootstrap-key", OPERATOR_KEY);
        return properties;
    }
}
