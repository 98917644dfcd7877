package dev.polyledger.ledger.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polyledger.ledger.testing.FreshDatabase;
import dev.polyledger.ledger.testing.LedgerClient;
import dev.polyledger.ledger.testing.LedgerInvariants;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code POST /api/v1/batches} with {@code mode: ATOMIC} on one api-node over real HTTP, PostgreSQL and Redis: all
 * items post in one transaction or none does, a refusal names every failing index, one Idempotency-Key replays the
 * whole answer, another tenant's account is unknown to an item, and the limits are answered 400 (api-contract.md,
 * "Batches and mass payouts").
 */
@ExtendWith(FreshDatabase.class)
@MicronautTest(transactional = false)
class AtomicBatchIT {
    @Inject
    EmbeddedServer server;
    LedgerClient client;
    String funded;
    String payeeA;
    String payeeB;

    @BeforeEach
    void accounts() {
        client = new LedgerClient(server.getURL().toString()).newTenant("batch-" + UUID.randomUUID());
        funded = client.openAccount("USD");
        assertThat(client.credit(funded, "100.00").status()).isEqualTo(201);
        payeeA = client.openAccount("USD");
        payeeB = client.openAccount("USD");
    }

    @Test
    void postsEveryItemInOneTransactionAndNamesEachItemsTransfer() throws SQLException {
        var answer = client.post("/api/v1/batches", batch("ATOMIC",
                item(funded, payeeA, "10.00"), item(funded, payeeB, "20.00"), item(payeeA, payeeB, "4.00")));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(answer.text("mode")).isEqualTo("ATOMIC");
        assertThat(answer.text("status")).isEqualTo("COMPLETED");
        var items = list(answer.json().get("items"));
        assertThat(items).extracting(i -> i.get("index").asInt()).containsExactly(0, 1, 2);
        assertThat(items).allSatisfy(i -> assertThat(i.get("status").asText()).isEqualTo("POSTED"));
        for (JsonNode item : items) {
            assertThat(client.get("/api/v1/transfers/" + item.get("transferId").asText()).status()).isEqualTo(200);
        }
        assertThat(client.balance(funded)).isEqualTo("70.00");
        assertThat(client.balance(payeeA)).isEqualTo("6.00");
        assertThat(client.balance(payeeB)).isEqualTo("24.00");
        LedgerInvariants.assertHold();
    }

    @Test
    void refusesTheWholeBatchNamingEveryFailingItemAndWritesNothing() throws SQLException {
        long transfersBefore = LedgerInvariants.count("SELECT count(*) FROM transfer");
        long eventsBefore = LedgerInvariants.count("SELECT count(*) FROM outbox");

        var answer = client.post("/api/v1/batches", batch("ATOMIC",
                item(funded, payeeA, "10.00"),
                item(funded, UUID.randomUUID().toString(), "1.00"),
                item(funded, payeeB, "20.00"),
                item(funded, payeeB, "80.00"),
                item(payeeA, payeeA, "1.00")));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(422);
        assertThat(answer.code()).isEqualTo("BATCH_REJECTED");
        assertThat(answer.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(list(answer.json().get("errors")))
                .extracting(e -> e.get("index").asInt() + ":" + e.get("code").asText())
                .containsExactly("1:ACCOUNT_NOT_FOUND", "3:INSUFFICIENT_FUNDS", "4:SAME_ACCOUNT");
        assertThat(LedgerInvariants.count("SELECT count(*) FROM transfer")).isEqualTo(transfersBefore);
        assertThat(LedgerInvariants.count("SELECT count(*) FROM outbox")).isEqualTo(eventsBefore);
        assertThat(client.balance(funded)).isEqualTo("100.00");
        assertThat(client.balance(payeeA)).isEqualTo("0.00");
    }

    @Test
    void theSameKeyReplaysTheFirstAnswerByteForByteAndPostsOnce() throws SQLException {
        String body = batch("ATOMIC", item(funded, payeeA, "10.00"), item(funded, payeeB, "5.00"));
        String key = "payout-run-" + UUID.randomUUID();

        var first = client.post("/api/v1/batches", body, key);
        var again = client.post("/api/v1/batches", body, key);
        var other = client.post("/api/v1/batches", batch("ATOMIC", item(funded, payeeA, "1.00")), key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.raw().body()).isEqualTo(first.raw().body());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(other.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(client.balance(funded)).isEqualTo("85.00");
        assertThat(LedgerInvariants.count("SELECT count(*) FROM transfer WHERE source_account_id = '" + funded
                + "' AND kind = 'TRANSFER'")).isEqualTo(2);
    }

    @Test
    void replaysARefusedBatchUnderItsKeyEvenAfterTheMoneyArrived() {
        String body = batch("ATOMIC", item(payeeA, payeeB, "5.00"));
        String key = "refused-" + UUID.randomUUID();

        var first = client.post("/api/v1/batches", body, key);
        assertThat(client.credit(payeeA, "50.00").status()).isEqualTo(201);
        var again = client.post("/api/v1/batches", body, key);

        assertThat(first.code()).isEqualTo("BATCH_REJECTED");
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.raw().body()).isEqualTo(first.raw().body());
        assertThat(client.balance(payeeB)).isEqualTo("0.00");
    }

    @Test
    void anotherTenantsAccountInAnItemIsUnknownAndNothingMoves() {
        var other = new LedgerClient(server.getURL().toString()).newTenant("other-" + UUID.randomUUID());
        String foreign = other.openAccount("USD");

        var answer = client.post("/api/v1/batches", batch("ATOMIC", item(funded, payeeA, "1.00"), item(funded, foreign, "1.00")));

        assertThat(answer.code()).isEqualTo("BATCH_REJECTED");
        assertThat(list(answer.json().get("errors"))).extracting(e -> e.get("index").asInt() + ":" + e.get("code").asText())
                .containsExactly("1:ACCOUNT_NOT_FOUND");
        assertThat(other.balance(foreign)).isEqualTo("0.00");
        assertThat(client.balance(funded)).isEqualTo("100.00");
    }

    @Test
    void answersTheLimitsAndMalformedItemsWith400NamingTheField() {
        var items = new ArrayList<String>();
        for (int i = 0; i <= 1_000; i++) {
            items.add(item(funded, payeeA, "0.01"));
        }
        var tooMany = client.post("/api/v1/batches", batch("ATOMIC", items.toArray(String[]::new)));
        var none = client.post("/api/v1/batches", batch("ATOMIC"));
        var badAmount = client.post("/api/v1/batches", batch("ATOMIC", item(funded, payeeA, "1.00"), item(funded, payeeA, "1.001")));
        var badId = client.post("/api/v1/batches", batch("ATOMIC", item(funded, "nope", "1.00")));
        var badMode = client.post("/api/v1/batches", batch("EVENTUALLY", item(funded, payeeA, "1.00")));

        assertThat(tooMany.status()).as(tooMany.toString()).isEqualTo(400);
        assertThat(tooMany.text("field")).isEqualTo("items");
        assertThat(none.text("field")).isEqualTo("items");
        assertThat(badAmount.text("field")).isEqualTo("items[1].amount");
        assertThat(badId.text("field")).isEqualTo("items[0].destinationAccountId");
        assertThat(badMode.text("field")).isEqualTo("mode");
        assertThat(client.balance(funded)).isEqualTo("100.00");
    }

    @Test
    void acceptsAThousandItemsAboveTheUsualBodyLimitOnThisPathOnly() {
        var items = new ArrayList<String>();
        for (int i = 0; i < 1_000; i++) {
            items.add(item(funded, i % 2 == 0 ? payeeA : payeeB, "0.01"));
        }
        String body = batch("ATOMIC", items.toArray(String[]::new));
        assertThat(body.length()).isGreaterThan(64 * 1024);
        String padded = "{\"sourceAccountId\":\"" + funded + "\",\"destinationAccountId\":\"" + payeeA
                + "\",\"amount\":\"1.00\",\"currency\":\"USD\",\"reference\":\"" + "x".repeat(200) + "\",\"metadata\":{"
                + String.join(",", java.util.stream.IntStream.range(0, 400).mapToObj(i -> "\"k" + i + "\":\"" + "v".repeat(200) + "\"").toList())
                + "}}";

        var answer = client.post("/api/v1/batches", body);
        var transferTooLarge = client.post("/api/v1/transfers", padded);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(list(answer.json().get("items"))).hasSize(1_000);
        assertThat(client.balance(funded)).isEqualTo("90.00");
        assertThat(transferTooLarge.status()).isEqualTo(413);
        assertThat(transferTooLarge.code()).isEqualTo("REQUEST_TOO_LARGE");
    }

    private static String batch(String mode, String... items) {
        return "{\"mode\":\"" + mode + "\",\"items\":[" + String.join(",", items) + "]}";
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
