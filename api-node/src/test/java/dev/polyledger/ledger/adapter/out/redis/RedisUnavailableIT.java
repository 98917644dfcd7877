package dev.polyledger.ledger.adapter.out.redis;

import static dev.polyledger.ledger.testing.LedgerClient.transferBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.ledger.testing.FreshDatabase;
import dev.polyledger.ledger.testing.LedgerClient;
import dev.polyledger.ledger.testing.LedgerInvariants;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A node whose Redis is down (a port where nothing listens): it starts, serves, keeps exactly-once per key
 * from PostgreSQL alone, and says DEGRADED in /health instead of failing.
 */
@ExtendWith(FreshDatabase.class)
@MicronautTest(transactional = false)
@Property(name = "redis.uri", value = "redis://127.0.0.1:1")
class RedisUnavailableIT {
    @Inject
    EmbeddedServer server;
    LedgerClient api;

    @BeforeEach
    void client() {
        api = new LedgerClient(server.getURL().toString());
    }

    @Test
    void reportsTheCacheAsDegradedWhileStayingUp() {
        var health = api.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("details").get("idempotencyCache").get("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.json().get("details").get("jdbc").get("status").asText()).isEqualTo("UP");
    }

    @Test
    void replaysFromPostgresWithoutRedis() {
        String a = api.openAccount("USD");
        String key = UUID.randomUUID().toString();
        var first = api.post("/api/v1/accounts/" + a + "/credits", "{\"amount\":\"3\"}", key);
        var again = api.post("/api/v1/accounts/" + a + "/credits", "{\"amount\":\"3\"}", key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.raw().body()).isEqualTo(first.raw().body());
        assertThat(api.balance(a)).isEqualTo("3.00");
    }

    @Test
    void concurrentRequestsWithOneKeyStillPostOnceWithoutTheLock() throws Exception {
        String a = api.openAccount("USD");
        String b = api.openAccount("USD");
        api.credit(a, "50");
        String key = UUID.randomUUID().toString();
        String body = transferBody(a, b, "10", "USD");
        var pool = Executors.newFixedThreadPool(12);
        try {
            var start = new CountDownLatch(1);
            var answers = new ArrayList<Future<LedgerClient.Answer>>();
            for (int i = 0; i < 12; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return api.post("/api/v1/transfers", body, key);
                }));
            }
            start.countDown();
            var ids = new java.util.HashSet<String>();
            for (var answer : answers) {
                var got = answer.get();
                assertThat(got.status()).as(got.toString()).isEqualTo(201);
                ids.add(got.text("id"));
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(api.balance(b)).isEqualTo("10.00");
        LedgerInvariants.assertHold();
    }
}
