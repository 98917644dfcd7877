package dev.polyledger.audit;

import dev.polyledger.audit.testing.AuditTestEnvironment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.audit.testing.AuditClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The worker starts and answers authenticated queries while Redis (key revocations, rate limits) is out of reach:
 * {@code redis.uri} names a port nobody listens on. Keys are then checked against PostgreSQL alone and the rate limit
 * fails open.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisDownIT implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(AuditTestEnvironment.properties());
        properties.put("redis.uri", "redis://127.0.0.1:" + closedPort());
        return properties;
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void answersAnAuthenticatedQueryWithoutRedis() {
        var client = new AuditClient(server.getURL().toString());

        var answer = client.get("/api/v1/audit/events?limit=1");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().has("items")).isTrue();
        var anonymous = new AuditClient(server.getURL().toString(), null).get("/api/v1/audit/events?limit=1");
        assertThat(anonymous.status()).as("still authenticated: %s", anonymous).isEqualTo(401);
    }
}
