package dev.polyledger.audit;

import dev.polyledger.audit.testing.AuditTestEnvironment;
import dev.polyledger.platform.testing.Events;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
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
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The worker end to end on the real local RabbitMQ: events published to {@code ledger.events} as the api-node's
 * relay publishes them become audit snapshots over HTTP; duplicates and poison messages are handled, per message,
 * inside a batch (a batch waits 500 ms for more here, so messages published back to back are written together), and
 * nothing is left unacknowledged at the broker. The {@code audit} queue may hold others' messages: every assertion
 * is about this test's own ids.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditWorkerIT implements TestPropertyProvider {
    private static final Duration WITHIN = Duration.ofSeconds(15);
    private final TestBroker broker = new TestBroker();

    @Inject
    EmbeddedServer server;
    @Inject
    MongoClient mongo;
    @Inject
    MeterRegistry meters;
    AuditClient api;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(AuditTestEnvironment.properties());
        properties.put("audit.consumer.batch.max-wait", "500ms");
        return properties;
    }

    @BeforeEach
    void client() {
        api = new AuditClient(server.getURL().toString());
    }

    @AfterAll
    void closeBroker() throws Exception {
        broker.close();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    @Test
    void aPostedTransferBecomesQueryableWithItsRequestIdSourceAndBalances() {
        UUID eventId = UUID.randomUUID(), transfer = UUID.randomUUID(), alice = UUID.randomUUID(), bob = UUID.randomUUID();
        Instant occurredAt = now();
        var before = api.get("/api/v1/audit/transfers/" + transfer);
        assertThat(before.status()).isEqualTo(404);
        assertThat(before.code()).isEqualTo("AUDIT_RECORD_NOT_FOUND");
        assertThat(before.header("Content-Type")).startsWith("application/problem+json");

        broker.publish("transfer.posted", eventId.toString(), Events.transferPosted(eventId, transfer, alice, bob, occurredAt));

        var answer = api.awaitGet("/api/v1/audit/transfers/" + transfer, a -> a.status() == 200, WITHIN);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.header("X-Request-Id")).isNotBlank();
        var json = answer.json();
        assertThat(json.get("eventId").asText()).isEqualTo(eventId.toString());
        assertThat(json.get("type").asText()).isEqualTo("transfer.posted");
        assertThat(json.get("aggregateId").asText()).isEqualTo(transfer.toString());
        assertThat(json.get("sequence").asLong()).isEqualTo(1);
        assertThat(json.get("occurredAt").asText()).isEqualTo(occurredAt.toString());
        assertThat(json.get("requestId").asText()).isEqualTo("req-" + eventId);
        assertThat(json.get("source").asText()).isEqualTo("api-node-2");
        assertThat(Instant.parse(json.get("receivedAt").asText())).isAfterOrEqualTo(occurredAt.truncatedTo(ChronoUnit.MILLIS));
        var data = json.get("data");
        assertThat(data.get("id").asText()).isEqualTo(transfer.toString());
        assertThat(data.get("amount").asText()).isEqualTo("25.00");
        assertThat(data.get("entries").get(0).get("balanceAfter").asText()).isEqualTo("75.50");
        assertThat(data.get("entries").get(1).get("direction").asText()).isEqualTo("CREDIT");
        assertThat(data.get("metadata").get("order.id").asText()).isEqualTo("991");
        assertThat(data.get("metadata").get("$channel").asText()).isEqualTo("web");

        var stored = mongo.getDatabase(AuditTestEnvironment.MONGO_DATABASE).getCollection("audit_events")
                .find(Filters.eq("_id", eventId.toString())).first();
        assertThat(stored).isNotNull();
        assertThat(stored.get("occurredAt")).isInstanceOf(java.util.Date.class);
        assertThat(stored.get("receivedAt")).isInstanceOf(java.util.Date.class);
        assertThat(stored.getList("accountIds", String.class)).containsExactly(alice.toString(), bob.toString());
        assertThat(stored.getString("transferId")).isEqualTo(transfer.toString());
    }

    @Test
    void anAccountEventIsQueryableByItsAccount() {
        UUID eventId = UUID.randomUUID(), account = UUID.randomUUID();

        broker.publish("account.created", eventId.toString(),
                Events.accountEvent("account.created", eventId, account, 1, "ACTIVE", now()));

        var answer = api.awaitGet("/api/v1/audit/events?accountId=" + account,
                a -> a.status() == 200 && a.json().get("items").size() == 1, WITHIN);
        var item = answer.json().get("items").get(0);
        assertThat(item.get("eventId").asText()).isEqualTo(eventId.toString());
        assertThat(item.get("type").asText()).isEqualTo("account.created");
        assertThat(item.get("source").asText()).isEqualTo("api-node-1");
        assertThat(item.get("data").get("status").asText()).isEqualTo("ACTIVE");
        assertThat(answer.json().get("nextCursor").isNull()).isTrue();
    }

    @Test
    void anEventDeliveredTwiceInOneBatchIsStoredOnce() {
        UUID eventId = UUID.randomUUID(), transfer = UUID.randomUUID(), other = UUID.randomUUID();
        String body = Events.transferPosted(eventId, transfer, UUID.randomUUID(), UUID.randomUUID(), now());
        double duplicatesBefore = count("duplicate");

        broker.publish("transfer.posted", eventId.toString(), body);
        publishTransfer(other, UUID.randomUUID());
        broker.publish("transfer.posted", eventId.toString(), body);

        awaitTrue(() -> count("duplicate") >= duplicatesBefore + 1, "the second copy counted as a duplicate");
        assertThat(snapshots().countDocuments(Filters.eq("_id", eventId.toString()))).isEqualTo(1);
        assertThat(snapshots().countDocuments(Filters.eq("_id", other.toString()))).isEqualTo(1);
        var byTransfer = api.get("/api/v1/audit/events?transferId=" + transfer);
        assertThat(byTransfer.json().get("items").size()).isEqualTo(1);
        assertThat(largestBatch()).as("the three messages were written together").isGreaterThanOrEqualTo(3);
        awaitNothingUnacknowledged();
    }

    @Test
    void poisonMessagesInTheMiddleOfABatchAreDeadLetteredAndTheOthersAreStoredAndAcknowledged() {
        String deadLetters = LedgerTopology.deadLetterQueueOf(LedgerTopology.AUDIT_QUEUE);
        String notJson = "not json " + UUID.randomUUID();
        UUID unknownTypeEvent = UUID.randomUUID();
        UUID before = UUID.randomUUID(), after = UUID.randomUUID(), transfer = UUID.randomUUID();
        double deadLetteredBefore = count("dead_lettered");

        publishTransfer(before, UUID.randomUUID());
        broker.publish("transfer.posted", "not-json", notJson);
        broker.publish("account.renamed", unknownTypeEvent.toString(), Events.accountEvent("account.renamed",
                unknownTypeEvent, UUID.randomUUID(), 2, "ACTIVE", now()));
        publishTransfer(after, transfer);

        var answer = api.awaitGet("/api/v1/audit/transfers/" + transfer, a -> a.status() == 200, WITHIN);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(snapshots().countDocuments(Filters.in("_id", before.toString(), after.toString()))).isEqualTo(2);
        assertThat(broker.awaitMessage(deadLetters, notJson::equals, WITHIN))
                .as("the body that is not JSON, in " + deadLetters).isPresent();
        assertThat(broker.awaitMessage(deadLetters, body -> body.contains(unknownTypeEvent.toString()), WITHIN))
                .as("the event of an unknown type, in " + deadLetters).isPresent();
        assertThat(count("dead_lettered")).isGreaterThanOrEqualTo(deadLetteredBefore + 2);
        assertThat(largestBatch()).as("the four messages were recorded together").isGreaterThanOrEqualTo(4);
        awaitNothingUnacknowledged();
    }

    @Test
    void healthShowsMongodbAndRabbitmqUp() {
        var health = api.get("/health");

        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        assertThat(health.json().get("details").get("mongodb").get("status").asText()).isEqualTo("UP");
        assertThat(health.json().get("details").get("rabbitmq").get("status").asText()).isEqualTo("UP");
    }

    @Test
    void prometheusExposesTheEventCounters() {
        var metrics = api.get("/prometheus");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw().body()).contains("audit_events_total{outcome=\"stored\"}");
    }

    private void publishTransfer(UUID eventId, UUID transfer) {
        broker.publish("transfer.posted", eventId.toString(),
                Events.transferPosted(eventId, transfer, UUID.randomUUID(), UUID.randomUUID(), now()));
    }

    private MongoCollection<Document> snapshots() {
        return mongo.getDatabase(AuditTestEnvironment.MONGO_DATABASE).getCollection("audit_events");
    }

    private double largestBatch() {
        return meters.get("audit.batch.size").summary().max();
    }

    /**
     * Waits until the broker holds no unacknowledged message of the {@code audit} queue: this worker is its only
     * consumer in the test vhost, so a message its batch left unsettled would show here.
     */
    private void awaitNothingUnacknowledged() {
        awaitTrue(() -> TestBroker.unacknowledged(LedgerTopology.AUDIT_QUEUE) == 0,
                "no unacknowledged message left in " + LedgerTopology.AUDIT_QUEUE);
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WITHIN + ": " + what);
            }
            sleep(100);
        }
    }

    private double count(String outcome) {
        var counter = meters.find("audit.events").tag("outcome", outcome).counter();
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
