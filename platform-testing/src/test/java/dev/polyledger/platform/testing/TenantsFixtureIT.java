package dev.polyledger.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.platform.http.auth.Scope;
import dev.polyledger.platform.http.auth.adapter.out.postgres.PostgresApiKeyStore;
import dev.polyledger.platform.http.auth.domain.ApiKeyMaterial;
import java.sql.DriverManager;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tenants and keys made in a database of this suite's own ({@code platform_testing_it}), re-created per run. */
class TenantsFixtureIT {
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/platform_testing_it";
    private static DataSource dataSource;

    @BeforeAll
    static void freshDatabase() throws Exception {
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", null);
             var st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS platform_testing_it WITH (FORCE)");
            st.execute("CREATE DATABASE platform_testing_it");
        }
        dataSource = TestTenants.dataSource(URL, "postgres", null);
    }

    @Test
    void a_test_tenant_has_a_stored_key_of_the_given_scopes() {
        var tenant = TestTenants.create(dataSource, Scope.LEDGER_READ, Scope.AUDIT_READ);

        var stored = new PostgresApiKeyStore(dataSource).findByHash(ApiKeyMaterial.hash(tenant.key())).orElseThrow();
        assertThat(tenant.tenantId()).startsWith("ten_");
        assertThat(stored.tenantId()).isEqualTo(tenant.tenantId());
        assertThat(stored.id()).isEqualTo(tenant.keyId());
        assertThat(stored.scopes()).containsExactlyInAnyOrder(Scope.LEDGER_READ, Scope.AUDIT_READ);
    }

    @Test
    void without_scopes_the_key_holds_every_scope_and_default_tenant_keys_belong_to_default() {
        var everything = TestTenants.create(URL, "postgres", null);
        var inDefault = TestTenants.defaultTenantKey(dataSource, Scope.LEDGER_WRITE);

        var store = new PostgresApiKeyStore(dataSource);
        assertThat(store.findByHash(ApiKeyMaterial.hash(everything.key())).orElseThrow().scopes()).hasSize(5);
        assertThat(store.findByHash(ApiKeyMaterial.hash(inDefault.key())).orElseThrow().tenantId()).isEqualTo("default");
    }

    @Test
    void the_http_client_sends_its_key_as_a_bearer_token() {
        var client = new HttpTestClient("http://127.0.0.1:1").useApiKey("plk_test");

        assertThat(client.request("/x").build().headers().firstValue("Authorization")).contains("Bearer plk_test");
        assertThat(client.requestAs("/x", null).build().headers().firstValue("Authorization")).isEmpty();
    }
}
