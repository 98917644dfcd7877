package dev.polyledger.ledger.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.ledger.testing.FreshDatabase;
import dev.polyledger.ledger.testing.LedgerClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What an api-node's own port serves besides the API: {@code /health} (statuses and plain messages, no connection
 * string, version, disk figure or class name) and {@code /prometheus}; every other management endpoint is off.
 */
@ExtendWith(FreshDatabase.class)
@MicronautTest(transactional = false)
class ManagementExposureIT {
    @Inject
    EmbeddedServer server;
    LedgerClient node;

    @BeforeEach
    void client() {
        node = new LedgerClient(server.getURL().toString());
    }

    @Test
    void healthShowsStatusesWithoutConnectionStringsVersionsOrDiskFigures() {
        var health = node.get("/health");

        assertThat(health.status()).isEqualTo(200);
        var details = health.json().get("details");
        assertThat(details.get("jdbc").get("status").asText()).isEqualTo("UP");
        assertThat(details.has("idempotencyCache")).as("other details stay visible").isTrue();
        assertThat(details.has("diskSpace")).isFalse();
        String body = health.raw().body();
        assertThat(body).doesNotContain("jdbc:", "postgresql://", "127.0.0.1", "5432")
                .doesNotContainPattern("(?i)postgresql\\s*\\d")   // "PostgreSQL 15.x": the server version
                .doesNotContainPattern("(?i)\"(url|database|version|free|threshold|total)\"")
                .doesNotContainPattern("\\b(io\\.micronaut|java|org|com)\\.[a-z]+\\.");
    }

    @Test
    void readinessIncludesTheDatabase() {
        var readiness = node.get("/health/readiness");

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("details").get("jdbc").get("status").asText()).isEqualTo("UP");
        assertThat(node.get("/health/liveness").status()).isEqualTo(200);
    }

    @Test
    void prometheusIsStillServedOnTheNodesPort() {
        var metrics = node.get("/prometheus");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw().body()).contains("# TYPE executor_active_threads gauge");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health/jdbc", "/health/diskSpace", "/health/unknown"})
    void anUnknownHealthGroupNamesNoInternalType(String path) {
        var answer = node.get(path);

        assertThat(answer.status()).as(answer.toString()).isBetween(400, 404);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.raw().body()).doesNotContainPattern("\\b(io\\.micronaut|java|javax|jakarta)\\.[a-z]+")
                .doesNotContain("enum", "HealthCheckType");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/beans", "/env", "/loggers", "/routes", "/threaddump", "/metrics", "/info", "/flyway",
            "/caches", "/refresh", "/stop"})
    void everyOtherManagementEndpointIsOff(String path) {
        var get = node.get(path);
        var post = node.send(node.request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(get.status()).as(get.toString()).isEqualTo(404);
        assertThat(get.code()).isEqualTo("NOT_FOUND");
        assertThat(post.status()).as(post.toString()).isEqualTo(404);
    }
}
