package dev.polyledger.platform.http.auth.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the settings switch: authentication off for benchmarks, a too short operator key, the env fallbacks. */
class AuthSettingsIT {

    @Test
    void with_authentication_off_every_request_is_tenant_default_with_every_scope() {
        try (EmbeddedServer node = AuthTestNodes.start(Map.of("platform.auth.enabled", false))) {
            var answer = Http.get(node.getURI(), "/api/v1/test/read", null);

            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.text("tenantId")).isEqualTo("default");
            assertThat(answer.text("keyId")).isEqualTo("anonymous");
        }
    }

    @Test
    void the_environment_variable_switches_authentication_off_when_the_property_is_unset() {
        // LEDGER_AUTH_ENABLED as the environment gives it, seen by Micronaut as ledger.auth.enabled.
        try (EmbeddedServer node = AuthTestNodes.start(Map.of("ledger.auth.enabled", false))) {
            assertThat(Http.get(node.getURI(), "/api/v1/test/read", null).status()).isEqualTo(200);
        }
        try (EmbeddedServer node = AuthTestNodes.start(Map.of())) {
            assertThat(Http.get(node.getURI(), "/api/v1/test/read", null).status()).isEqualTo(401);
        }
    }

    @Test
    void a_node_refuses_to_start_with_an_operator_key_under_32_characters() {
        assertThatThrownBy(() -> AuthTestNodes.start(Map.of("platform.auth.bootstrap-key", "too-short-operator-key")))
                .hasStackTraceContaining("at least 32");
    }

    @Test
    void a_node_without_a_data_source_refuses_to_start_unless_authentication_is_off() {
        var noDatabase = new java.util.HashMap<String, Object>(AuthTestNodes.settings(Map.of()));
        noDatabase.keySet().removeIf(name -> name.startsWith("datasources."));

        assertThatThrownBy(() -> io.micronaut.context.ApplicationContext.run(EmbeddedServer.class, noDatabase))
                .hasStackTraceContaining("has no DataSource");
        noDatabase.put("platform.auth.enabled", false);
        try (EmbeddedServer node = io.micronaut.context.ApplicationContext.run(EmbeddedServer.class, noDatabase)) {
            assertThat(Http.get(node.getURI(), "/api/v1/test/read", null).status()).isEqualTo(200);
        }
    }

    @Test
    void without_the_management_api_the_key_routes_do_not_exist() {
        try (EmbeddedServer node = AuthTestNodes.start(Map.of("platform.auth.management-api.enabled", false))) {
            var answer = Http.get(node.getURI(), "/api/v1/api-keys", AuthTestNodes.OPERATOR_KEY);

            assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
        }
    }
}
