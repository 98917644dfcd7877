package dev.polyledger.audit;

import dev.polyledger.audit.testing.AuditTestEnvironment;
import dev.polyledger.platform.testing.SwitchableMongo;
import dev.polyledger.platform.testing.Events;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.audit.testing.AuditClient;
import dev.polyledger.audit.testing.TestBroker;
import dev.polyledger.events.LedgerTopology;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * MongoDB going away and coming back: while it is down, the batch being written is held (unsettled, written again
 * after each back-off, no delivery spent) and the rest waits in the queue, health says DOWN and queries answer 503;
 * once it is back, every waiting event is recorded exactly once. An outage longer than the whole budget of
 * deliveries dead-letters no valid event (issue 14), while a malformed message of the same run still goes to the
 * dead-letter queue.
 *
 * <p>This test needs a MongoDB it can stop: an in-process stand-in of its own, whatever {@code MONGODB_URI} says,
 * with a 1 s server-selection timeout, the test back-off (200 ms doubling to 1 s), and batches that wait 500 ms for
 * more messages (so that messages published back to back are written together). With these, the delivery budget the
 * worker used to spend on an outage (10 deliveries) was about 17 s; the last test keeps MongoDB down for 12 failed
 * writes, about 24 s.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MongoOutageIT implements TestPropertyProvider {
    private final SwitchableMongo mongo = new SwitchableMongo(false);
    private final TestBroker broker = new TestBroker();

    @Inject
    EmbeddedServer server;
    @Inject
    MeterRegistry meters;

    MongoOutageIT() {
        mongo.start();
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new java.util.HashMap<>(AuditTestEnvironment.DATABASE.properties());
        properties.putAll(Map.of(
                "mongodb.uri", mongo.uri(),
                "mongodb.cluster.server-selection-timeout", "1s",
                "audit.mongodb.database", "audit_outage_it",
                "audit.consumer.batch.max-wait", "500ms",
                "rabbitmq.uri", TestBroker.uri()));
        return properties;
    }

    @AfterEach
    void mongoBack() {
        mongo.start();
    }

    @AfterAll
    void stop() throws Exception {
        broker.close();
        mongo.stop();
    }

    @Test
    void anEventPublishedWhileMongoIsDownIsRecordedWhenItIsBack() {
        var api = new AuditClient(server.getURL().toString());
        UUID eventId = UUID.randomUUID(), transfer = UUID.randomUUID();
        mongo.stop();
        double unavailableBefore = storeUnavailable();

        broker.publish("transfer.posted", eventId.toString(),
                Events.transferPosted(eventId, transfer, UUID.randomUUID(), UUID.randomUUID(), Instant.now()));

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (storeUnavailable() <= unavailableBefore && System.nanoTime() < deadline) {
            sleep(100);
        }
        assertThat(storeUnavailable()).as("the write found MongoDB unavailable").isGreaterThan(unavailableBefore);
        var health = api.get("/health");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().get("details").get("mongodb").get("status").asText()).isEqualTo("DOWN");
        var query = api.get("/api/v1/audit/transfers/" + transfer);
        assertThat(query.status()).as(query.toString()).isEqualTo(503);
        assertThat(query.code()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(query.header("Retry-After")).isEqualTo("2");

        mongo.start();

        var answer = api.awaitGet("/api/v1/audit/transfers/" + transfer, a -> a.status() == 200, Duration.ofSeconds(30));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().get("eventId").asText()).isEqualTo(eventId.toString());
        assertThat(api.get("/health").status()).isEqualTo(200);
    }

    @Test
    void aBatchWrittenWhileMongoIsDownIsHeldWholeAndStoredOnceWhenItIsBack() {
        var api = new AuditClient(server.getURL().toString());
        List<UUID> transfers = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID());
        mongo.stop();
        double requeuedBefore = requeued(), unavailableBefore = storeUnavailable();

        for (UUID transfer : transfers) {
            UUID eventId = UUID.randomUUID();
            broker.publish("transfer.posted", eventId.toString(), Events.transferPosted(eventId, transfer,
                    UUID.randomUUID(), UUID.randomUUID(), Instant.now()));
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (storeUnavailable() < unavailableBefore + 2 && System.nanoTime() < deadline) {
            sleep(100);
        }
        assertThat(storeUnavailable()).as("written twice while MongoDB was down")
                .isGreaterThanOrEqualTo(unavailableBefore + 2);
        assertThat(meters.get("audit.batch.size").summary().max()).as("written as one batch")
                .isGreaterThanOrEqualTo(transfers.size());
        assertThat(requeued()).as("held, not requeued").isEqualTo(requeuedBefore);

        mongo.start();

        for (UUID transfer : transfers) {
            var answer = api.awaitGet("/api/v1/audit/events?transferId=" + transfer,
                    a -> a.status() == 200 && a.json().get("items").size() > 0, Duration.ofSeconds(30));
            assertThat(answer.json().get("items").size()).as("snapshots of transfer " + transfer).isEqualTo(1);
        }
    }

    @Test
    void anOutageLongerThanTheWholeDeliveryBudgetDeadLettersNoValidEventAndEachArrivesOnce() {
        var api = new AuditClient(server.getURL().toString());
        String deadLetters = LedgerTopology.deadLetterQueueOf(LedgerTopology.AUDIT_QUEUE);
        broker.purge(deadLetters);
        List<UUID> eventIds = new java.util.ArrayList<>(), transfers = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            eventIds.add(UUID.randomUUID());
            transfers.add(UUID.randomUUID());
        }
        String poisonId = UUID.randomUUID().toString();
        mongo.stop();
        double unavailableBefore = storeUnavailable(), requeuedBefore = requeued();

        for (int i = 0; i < eventIds.size(); i++) {
            broker.publish("transfer.posted", eventIds.get(i).toString(), Events.transferPosted(eventIds.get(i),
                    transfers.get(i), UUID.randomUUID(), UUID.randomUUID(), Instant.now()));
            if (i == 10) {
                broker.publish("transfer.posted", poisonId, "{\"not\": \"an envelope\", \"id\": \"" + poisonId + "\"}");
            }
        }
        // The old behaviour spent one delivery per failed write: DELIVERY_LIMIT failed writes dead-lettered the
        // batch. Keep MongoDB down for more failed writes than that.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (storeUnavailable() < unavailableBefore + LedgerTopology.DELIVERY_LIMIT + 2
                && System.nanoTime() < deadline) {
            sleep(200);
        }
        assertThat(storeUnavailable()).as("writes that found MongoDB down")
                .isGreaterThanOrEqualTo(unavailableBefore + LedgerTopology.DELIVERY_LIMIT + 2);

        mongo.start();

        for (UUID transfer : transfers) {
            var answer = api.awaitGet("/api/v1/audit/events?transferId=" + transfer,
                    a -> a.status() == 200 && a.json().get("items").size() > 0, Duration.ofSeconds(30));
            assertThat(answer.json().get("items").size()).as("snapshots of transfer " + transfer).isEqualTo(1);
        }
        List<String> deadLettered = new java.util.ArrayList<>();
        assertThat(broker.awaitMessage(deadLetters, body -> deadLettered.add(body) && body.contains(poisonId),
                Duration.ofSeconds(20))).as("the malformed message, dead-lettered in the same run").isPresent();
        broker.awaitMessage(deadLetters, body -> !deadLettered.add(body), Duration.ofSeconds(2));
        for (UUID eventId : eventIds) {
            assertThat(deadLettered).as("dead-letter queue").noneMatch(body -> body.contains(eventId.toString()));
        }
        assertThat(requeued()).as("no delivery spent on the outage").isEqualTo(requeuedBefore);
    }

    private double storeUnavailable() {
        var counter = meters.find("audit.store.unavailable").counter();
        return counter == null ? 0 : counter.count();
    }

    private double requeued() {
        var counter = meters.find("audit.events").tag("outcome", "requeued").counter();
        return counter == null ? 0 : counter.count();
    }




    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
