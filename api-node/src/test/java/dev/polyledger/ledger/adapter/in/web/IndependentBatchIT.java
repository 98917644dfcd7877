package dev.polyledger.ledger.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ConnectionFactory;
import dev.polyledger.ledger.testing.FreshDatabase;
import dev.polyledger.ledger.testing.LedgerClient;
import dev.polyledger.ledger.testing.LedgerInvariants;
import dev.polyledger.ledger.testing.TestVhost;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * INDEPENDENT batches on one api-node with its chunk consumer, over real HTTP, PostgreSQL, Redis and RabbitMQ (the
 * tests' own vhost and a queue of this run's own): 10,000 items with rejections mixed in complete with every item
 * posted or rejected exactly once; a chunk delivered again posts nothing twice; the key replays the 202; another tenant
 * sees no batch (api-contract.md, "Batches and mass payouts").
 */
@ExtendWith(FreshDatabase.class)
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndependentBatchIT implements TestPropertyProvider {
    private static final String QUEUE = "batch-chunks-it-" + UUID.randomUUID();
    @Inject
    EmbeddedServer server;
    LedgerClient client;
    String payer;
    String empty;
    List<String> payees;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "ledger.rabbitmq.uri", TestVhost.uri(),
                "ledger.batches.consumer-enabled", "true",
                "ledger.batches.queue", QUEUE);
    }

    /** The queue is this run's own: leave none behind in the shared test vhost. */
    @AfterAll
    void deleteQueue() throws Exception {
        TestVhost.deleteQueue(QUEUE);
    }

    @BeforeEach
    void accounts() {
        client = new LedgerClient(server.getURL().toString()).newTenant("payouts-" + UUID.randomUUID());
        payer = client.openAccount("USD");
        assertThat(client.credit(payer, "100000.00").status()).isEqualTo(201);
        empty = client.openAccount("USD");
        payees = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            payees.add(client.openAccount("USD"));
        }
    }

    @Test
    void tenThousandItemsWithRejectionsMixedInCompleteWithEveryItemProcessedOnce() throws SQLException {
        var items = new ArrayList<String>();
        var expectedRejections = new HashMap<Integer, String>();
        for (int i = 0; i < 10_000; i++) {
            if (i % 97 == 5) {
                items.add(item(empty, payees.get(i % 20), "1.00"));
                expectedRejections.put(i, "INSUFFICIENT_FUNDS");
            } else if (i % 1_000 == 999) {
                items.add(item(payer, UUID.randomUUID().toString(), "1.00"));
                expectedRejections.put(i, "ACCOUNT_NOT_FOUND");
            } else {
                items.add(item(payer, payees.get(i % 20), "1.00"));
            }
        }

        var accepted = client.post("/api/v1/batches", batch(items));

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(accepted.text("status")).isEqualTo("PROCESSING");
        assertThat(accepted.json().get("counts").get("total").asInt()).isEqualTo(10_000);
        String id = accepted.text("id");
        var done = client.awaitGet("/api/v1/batches/" + id, a -> "COMPLETED".equals(a.text("status")), Duration.ofMinutes(3));
        int rejected = expectedRejections.size();
        assertThat(done.json().get("counts").get("posted").asInt()).isEqualTo(10_000 - rejected);
        assertThat(done.json().get("counts").get("rejected").asInt()).isEqualTo(rejected);
        assertThat(done.json().get("counts").get("pending").asInt()).isZero();

        var rejectedItems = new HashMap<Integer, String>();
        String cursor = null;
        do {
            var page = client.get("/api/v1/batches/" + id + "/items?status=REJECTED&limit=50"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            for (JsonNode item : list(page.json().get("items"))) {
                rejectedItems.put(item.get("index").asInt(), item.get("code").asText());
            }
            cursor = page.json().get("nextCursor") == null || page.json().get("nextCursor").isNull() ? null
                    : page.json().get("nextCursor").asText();
        } while (cursor != null);
        assertThat(rejectedItems).isEqualTo(expectedRejections);

        String batch = "batch_id = '" + id + "'";
        assertThat(LedgerInvariants.count("SELECT count(*) FROM batch_item WHERE " + batch + " AND status = 'POSTED'"))
                .isEqualTo(10_000 - rejected);
        assertThat(LedgerInvariants.count("SELECT count(DISTINCT t.id) FROM transfer t JOIN batch_item i ON i.transfer_id = t.id "
                + "WHERE i." + batch)).as("each posted item has its own transfer").isEqualTo(10_000 - rejected);
        assertThat(LedgerInvariants.count("SELECT count(*) FROM outbox WHERE event_type = 'transfer.posted' "
                + "AND payload->>'batchId' = '" + id + "'")).isEqualTo(10_000 - rejected);
        assertThat(LedgerInvariants.count("SELECT count(*) FROM outbox WHERE event_type = 'batch.completed' "
                + "AND aggregate_id = '" + id + "'")).isEqualTo(1);
        assertThat(client.balance(payer)).isEqualTo(String.format("%d.00", 100_000 - (10_000 - rejected)));
        assertThat(LedgerInvariants.count("SELECT count(*) FROM batch_item WHERE " + batch + " AND index < 9000 "
                + "AND processed_at > (SELECT min(processed_at) FROM batch_item WHERE " + batch + " AND index >= 9000)"))
                .as("items are processed in index order, chunk after chunk").isZero();
        LedgerInvariants.assertHold();
    }

    @Test
    void aChunkDeliveredAgainAfterCompletionPostsNothingTwice() throws Exception {
        var first = client.post("/api/v1/batches", batch(List.of(item(payer, payees.get(0), "1.00"),
                item(empty, payees.get(1), "1.00"), item(payer, payees.get(2), "2.00"))));
        String id = first.text("id");
        client.awaitGet("/api/v1/batches/" + id, a -> "COMPLETED".equals(a.text("status")), Duration.ofSeconds(30));
        long transfersBefore = LedgerInvariants.count("SELECT count(*) FROM transfer");

        redeliver(id, 0);
        var control = client.post("/api/v1/batches", batch(List.of(item(payer, payees.get(3), "4.00"))));
        client.awaitGet("/api/v1/batches/" + control.text("id"), a -> "COMPLETED".equals(a.text("status")),
                Duration.ofSeconds(30));

        assertThat(LedgerInvariants.count("SELECT count(*) FROM transfer")).as("only the control batch's transfer")
                .isEqualTo(transfersBefore + 1);
        assertThat(client.get("/api/v1/batches/" + id).json().get("counts").get("posted").asInt()).isEqualTo(2);
        assertThat(LedgerInvariants.count("SELECT count(*) FROM outbox WHERE event_type = 'batch.completed' "
                + "AND aggregate_id = '" + id + "'")).isEqualTo(1);
        assertThat(client.balance(payees.get(0))).isEqualTo("1.00");
    }

    @Test
    void theSameKeyReplaysTheAcceptanceAndAnotherTenantSeesNoBatch() throws SQLException {
        String body = batch(List.of(item(payer, payees.get(0), "1.00")));
        String key = "payout-" + UUID.randomUUID();

        var first = client.post("/api/v1/batches", body, key);
        var again = client.post("/api/v1/batches", body, key);
        var other = new LedgerClient(server.getURL().toString()).newTenant("other-" + UUID.randomUUID());

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.raw().body()).isEqualTo(first.raw().body());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(LedgerInvariants.count("SELECT count(*) FROM batch WHERE id = '" + first.text("id") + "'")).isEqualTo(1);
        assertThat(other.get("/api/v1/batches/" + first.text("id")).code()).isEqualTo("BATCH_NOT_FOUND");
        assertThat(other.get("/api/v1/batches/" + first.text("id") + "/items").code()).isEqualTo("BATCH_NOT_FOUND");
        assertThat(client.get("/api/v1/batches/" + first.text("id")).status()).isEqualTo(200);
    }

    @Test
    void refusesMoreThanTenThousandItemsAndAnInvalidItemWithNothingStored() throws SQLException {
        var items = new ArrayList<String>();
        for (int i = 0; i <= 10_000; i++) {
            items.add(item(payer, payees.get(0), "0.01"));
        }
        long batchesBefore = LedgerInvariants.count("SELECT count(*) FROM batch");

        var tooMany = client.post("/api/v1/batches", batch(items));
        var invalid = client.post("/api/v1/batches", batch(List.of(item(payer, payees.get(0), "1.00"),
                item(payer, payees.get(0), "1.001"))));

        assertThat(tooMany.status()).as(tooMany.toString()).isEqualTo(400);
        assertThat(tooMany.text("field")).isEqualTo("items");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.text("field")).isEqualTo("items[1].amount");
        assertThat(LedgerInvariants.count("SELECT count(*) FROM batch")).isEqualTo(batchesBefore);
    }

    /** Publishes chunk {@code from} of the batch again, as the broker would redeliver it. */
    private void redeliver(String batchId, int from) throws Exception {
        var factory = new ConnectionFactory();
        factory.setUri(TestVhost.uri());
        try (var connection = factory.newConnection("redelivery"); var channel = connection.createChannel()) {
            String tenant = client.get("/api/v1/batches/" + batchId).status() == 200 ? tenantOf(batchId) : null;
            channel.basicPublish("", QUEUE, new AMQP.BasicProperties.Builder().deliveryMode(2).build(),
                    ("{\"tenantId\":\"" + tenant + "\",\"batchId\":\"" + batchId + "\",\"fromIndex\":" + from + "}")
                            .getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String tenantOf(String batchId) throws SQLException {
        try (var conn = dev.polyledger.ledger.testing.TestDatabase.connect();
             var rs = conn.createStatement().executeQuery("SELECT tenant_id FROM batch WHERE id = '" + batchId + "'")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private static String batch(List<String> items) {
        return "{\"mode\":\"INDEPENDENT\",\"items\":[" + String.join(",", items) + "]}";
    }

    private static String item(String source, String destination, String amount) {
        return "{\"sourceAccountId\":\"" + source + "\",\"destinationAccountId\":\"" + destination + "\",\"amount\":\""
                + amount + "\",\"currency\":\"USD\",\"reference\":\"payout\"}";
    }

    private static List<JsonNode> list(JsonNode array) {
        assertThat(array).as("a JSON array").isNotNull();
        return StreamSupport.stream(array.spliterator(), false).toList();
    }
}
