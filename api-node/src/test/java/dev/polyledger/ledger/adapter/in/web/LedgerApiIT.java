package dev.polyledger.ledger.adapter.in.web;

import static dev.polyledger.ledger.testing.LedgerClient.transferBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.ledger.testing.FreshDatabase;
import dev.polyledger.ledger.testing.LedgerClient;
import dev.polyledger.ledger.testing.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP contract of one api-node, on the real local PostgreSQL and Redis. */
@ExtendWith(FreshDatabase.class)
@MicronautTest(transactional = false)
class LedgerApiIT {
    @Inject
    EmbeddedServer server;
    @Inject
    MeterRegistry meters;
    LedgerClient api;

    @BeforeEach
    void client() {
        api = new LedgerClient(server.getURL().toString());
    }

    @Test
    void opensAnAccountWithTheContractShape() {
        var answer = api.post("/api/v1/accounts",
                "{\"currency\":\"USD\",\"type\":\"USER\",\"ownerId\":\"cust_42\",\"metadata\":{\"tier\":\"gold\"}}");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        var json = answer.json();
        assertThat(json.get("currency").asText()).isEqualTo("USD");
        assertThat(json.get("type").asText()).isEqualTo("USER");
        assertThat(json.get("ownerId").asText()).isEqualTo("cust_42");
        assertThat(json.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(json.get("balance").asText()).isEqualTo("0.00");
        assertThat(json.get("allowNegativeBalance").asBoolean()).isFalse();
        assertThat(json.get("version").asLong()).isZero();
        assertThat(json.get("metadata").get("tier").asText()).isEqualTo("gold");
        assertThat(api.get("/api/v1/accounts/" + json.get("id").asText()).json()).isEqualTo(json);
    }

    @Test
    void creditsTransfersAndDebitsMoveMoneyWithBalancedEntries() {
        String alice = api.openAccount("USD");
        String bob = api.openAccount("USD");

        var credit = api.credit(alice, "100.5");
        assertThat(credit.status()).isEqualTo(201);
        assertThat(credit.text("kind")).isEqualTo("CREDIT");
        assertThat(credit.text("amount")).isEqualTo("100.50");

        var transfer = api.post("/api/v1/transfers",
                "{\"sourceAccountId\":\"" + alice + "\",\"destinationAccountId\":\"" + bob
                        + "\",\"amount\":\"25.00\",\"currency\":\"USD\",\"reference\":\"order-991\",\"metadata\":{\"a\":\"b\"}}");
        assertThat(transfer.status()).isEqualTo(201);
        var t = transfer.json();
        assertThat(t.get("kind").asText()).isEqualTo("TRANSFER");
        assertThat(t.get("status").asText()).isEqualTo("POSTED");
        assertThat(t.get("reference").asText()).isEqualTo("order-991");
        assertThat(t.get("entries").get(0).get("direction").asText()).isEqualTo("DEBIT");
        assertThat(t.get("entries").get(0).get("accountId").asText()).isEqualTo(alice);
        assertThat(t.get("entries").get(0).get("balanceAfter").asText()).isEqualTo("75.50");
        assertThat(t.get("entries").get(1).get("direction").asText()).isEqualTo("CREDIT");
        assertThat(t.get("entries").get(1).get("balanceAfter").asText()).isEqualTo("25.00");

        var debit = api.post("/api/v1/accounts/" + bob + "/debits", "{\"amount\":\"5\"}");
        assertThat(debit.status()).isEqualTo(201);
        assertThat(debit.text("kind")).isEqualTo("DEBIT");

        assertThat(api.balance(alice)).isEqualTo("75.50");
        assertThat(api.balance(bob)).isEqualTo("20.00");
        assertThat(api.get("/api/v1/transfers/" + t.get("id").asText()).json()).isEqualTo(t);
    }

    @Test
    void printsJapaneseYenWithoutDecimals() {
        String account = api.openAccount("JPY");
        assertThat(api.credit(account, "1000").text("amount")).isEqualTo("1000");
        assertThat(api.credit(account, "1000.5").code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.balance(account)).isEqualTo("1000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.505", "-1", "0", "0.00", "1e3", "abc", "", " 1", "99999999999999999999"})
    void refusesMalformedAmountsAndWritesNothing(String amount) {
        String account = api.openAccount("USD");
        var answer = api.credit(account, amount);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().get("type").asText()).isNotBlank();
        assertThat(answer.json().get("title").asText()).isNotBlank();
        assertThat(answer.json().get("status").asInt()).isEqualTo(400);
        assertThat(api.balance(account)).isEqualTo("0.00");
    }

    @Test
    void refusesUnknownCurrenciesAndMalformedBodies() {
        assertThat(api.post("/api/v1/accounts", "{\"currency\":\"XXX\"}").code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.post("/api/v1/accounts", "{\"currency\":").code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.post("/api/v1/accounts", "[]").code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.post("/api/v1/accounts", null).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.post("/api/v1/accounts", "{\"currency\":\"USD\",\"type\":\"ROBOT\"}").code()).isEqualTo("VALIDATION_FAILED");
        String a = api.openAccount("USD");
        var transfer = api.post("/api/v1/transfers", transferBody(a, "not-a-uuid", "1", "USD"));
        assertThat(transfer.status()).isEqualTo(400);
        assertThat(transfer.json().get("field").asText()).isEqualTo("destinationAccountId");
    }

    @Test
    void refusesEveryRuleOfTheContractWithItsCode() {
        String usd = api.openAccount("USD");
        String usd2 = api.openAccount("USD");
        String eur = api.openAccount("EUR");
        api.credit(usd, "10");

        expect(api.post("/api/v1/transfers", transferBody(usd, usd, "1", "USD")), 422, "SAME_ACCOUNT");
        expect(api.post("/api/v1/transfers", transferBody(usd, eur, "1", "USD")), 422, "CURRENCY_MISMATCH");
        expect(api.post("/api/v1/transfers", transferBody(usd, usd2, "1", "EUR")), 422, "CURRENCY_MISMATCH");
        expect(api.post("/api/v1/transfers", transferBody(usd, usd2, "10.01", "USD")), 422, "INSUFFICIENT_FUNDS");
        expect(api.post("/api/v1/transfers", transferBody(usd, UUID.randomUUID().toString(), "1", "USD")), 404,
                "ACCOUNT_NOT_FOUND");
        expect(api.credit(UUID.randomUUID().toString(), "1"), 404, "ACCOUNT_NOT_FOUND");

        expect(api.post("/api/v1/accounts/" + usd + "/freeze", null), 200, null);
        expect(api.post("/api/v1/transfers", transferBody(usd, usd2, "1", "USD")), 422, "ACCOUNT_NOT_ACTIVE");
        expect(api.credit(usd, "1"), 201, null);
        expect(api.post("/api/v1/accounts/" + usd + "/unfreeze", null), 200, null);
        expect(api.post("/api/v1/transfers", transferBody(usd, usd2, "1", "USD")), 201, null);

        expect(api.post("/api/v1/accounts/" + usd2 + "/close", null), 422, "ACCOUNT_BALANCE_NOT_ZERO");
        String empty = api.openAccount("USD");
        var closed = api.post("/api/v1/accounts/" + empty + "/close", null);
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.text("status")).isEqualTo("CLOSED");
        expect(api.post("/api/v1/transfers", transferBody(usd, empty, "1", "USD")), 422, "ACCOUNT_NOT_ACTIVE");
        expect(api.post("/api/v1/accounts/" + empty + "/freeze", null), 422, "ACCOUNT_NOT_ACTIVE");

        assertThat(api.balance(usd)).isEqualTo("10.00");
        assertThat(api.balance(usd2)).isEqualTo("1.00");
    }

    @Test
    void rejectionsWriteNoTransferAndNoEvent() throws SQLException {
        String a = api.openAccount("USD");
        String b = api.openAccount("USD");
        long transfers = count("SELECT count(*) FROM transfer");
        long events = count("SELECT count(*) FROM outbox");

        expect(api.post("/api/v1/transfers", transferBody(a, b, "1", "USD")), 422, "INSUFFICIENT_FUNDS");

        assertThat(count("SELECT count(*) FROM transfer")).isEqualTo(transfers);
        assertThat(count("SELECT count(*) FROM outbox")).isEqualTo(events);
    }

    @Test
    void requiresAWellFormedIdempotencyKeyOnEveryPost() {
        expect(api.post("/api/v1/accounts", "{\"currency\":\"USD\"}", null), 400, "IDEMPOTENCY_KEY_MISSING");
        expect(api.post("/api/v1/accounts", "{\"currency\":\"USD\"}", "x".repeat(256)), 400, "IDEMPOTENCY_KEY_INVALID");
        assertThat(rawPostWithKeyBytes("caf\u00e9".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .startsWith("HTTP/1.1 400").contains("IDEMPOTENCY_KEY_INVALID");
        String a = api.openAccount("USD");
        expect(api.post("/api/v1/accounts/" + a + "/freeze", null, null), 400, "IDEMPOTENCY_KEY_MISSING");
        expect(api.post("/api/v1/accounts", "{\"currency\":\"USD\"}", "x".repeat(255)), 201, null);
    }

    @Test
    void replaysTheFirstResponseForTheSameKeyAndRequest() throws SQLException {
        String a = api.openAccount("USD");
        String key = UUID.randomUUID().toString();
        double fromCache = replays("cache");
        double fromStore = replays("store");
        var first = api.post("/api/v1/accounts/" + a + "/credits", "{\"amount\":\"7.00\"}", key);
        // The same JSON with other white space and key order is the same request.
        var again = api.post("/api/v1/accounts/" + a + "/credits", "{ \"amount\" : \"7.00\" }", key);

        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.raw().body()).isEqualTo(first.raw().body());
        assertThat(api.balance(a)).isEqualTo("7.00");
        assertThat(count("SELECT count(*) FROM idempotency_key WHERE key = '" + key + "'")).isEqualTo(1);
        // Redis is up: the replay came from the cache, not from PostgreSQL.
        assertThat(replays("cache") - fromCache).isEqualTo(1.0);
        assertThat(replays("store") - fromStore).isZero();
    }

    private double replays(String source) {
        var counter = meters.find("ledger.idempotency.replays").tag("source", source).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void replaysBusinessRejectionsButNotValidationFailures() {
        String a = api.openAccount("USD");
        String b = api.openAccount("USD");
        String key = UUID.randomUUID().toString();
        String body = transferBody(a, b, "5", "USD");
        expect(api.post("/api/v1/transfers", body, key), 422, "INSUFFICIENT_FUNDS");
        api.credit(a, "5");
        var replay = api.post("/api/v1/transfers", body, key);
        assertThat(replay.code()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");

        String fixKey = UUID.randomUUID().toString();
        expect(api.post("/api/v1/transfers", transferBody(a, b, "5.001", "USD"), fixKey), 400, "VALIDATION_FAILED");
        expect(api.post("/api/v1/transfers", body, fixKey), 201, null);
        assertThat(api.balance(b)).isEqualTo("5.00");
    }

    @Test
    void refusesAKeyReusedForAnotherRequest() {
        String a = api.openAccount("USD");
        String key = UUID.randomUUID().toString();
        expect(api.credit(a, "1"), 201, null);
        expect(api.post("/api/v1/accounts/" + a + "/credits", "{\"amount\":\"1\"}", key), 201, null);
        expect(api.post("/api/v1/accounts/" + a + "/credits", "{\"amount\":\"2\"}", key), 422, "IDEMPOTENCY_KEY_REUSED");
        expect(api.post("/api/v1/accounts/" + a + "/debits", "{\"amount\":\"1\"}", key), 422, "IDEMPOTENCY_KEY_REUSED");
        assertThat(api.balance(a)).isEqualTo("2.00");
    }

    @Test
    void echoesOrAssignsTheRequestIdAndRecordsItWithTheEvent() throws SQLException {
        String a = api.openAccount("USD");
        var answer = api.post("/api/v1/accounts/" + a + "/credits", "{\"amount\":\"1\"}", UUID.randomUUID().toString(),
                "req-trace-42");
        assertThat(answer.header("X-Request-Id")).isEqualTo("req-trace-42");
        String transferId = answer.text("id");
        assertThat(count("SELECT count(*) FROM transfer WHERE id = '" + transferId + "' AND request_id = 'req-trace-42'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox WHERE aggregate_id = '" + transferId
                + "' AND request_id = 'req-trace-42' AND event_type = 'transfer.posted' AND node_id = 'test-node'"))
                .isEqualTo(1);
        assertThat(api.get("/api/v1/accounts/" + a).header("X-Request-Id")).isNotBlank();
        assertThat(api.get("/nope").header("X-Request-Id")).isNotBlank();
    }

    @Test
    void writesOneOutboxEventPerCommittedChangeInSequence() throws SQLException {
        String a = api.openAccount("USD");
        api.post("/api/v1/accounts/" + a + "/freeze", null);
        api.post("/api/v1/accounts/" + a + "/freeze", null);
        api.post("/api/v1/accounts/" + a + "/unfreeze", null);
        api.post("/api/v1/accounts/" + a + "/close", null);

        try (var conn = TestDatabase.connect();
             var rs = conn.createStatement().executeQuery(
                     "SELECT event_type, sequence, payload->>'status' FROM outbox WHERE aggregate_id = '" + a + "' ORDER BY id")) {
            var seen = new StringBuilder();
            while (rs.next()) {
                seen.append(rs.getString(1)).append(':').append(rs.getLong(2)).append(':').append(rs.getString(3)).append(' ');
            }
            assertThat(seen.toString().trim()).isEqualTo(
                    "account.created:1:ACTIVE account.frozen:2:FROZEN account.unfrozen:3:ACTIVE account.closed:4:CLOSED");
        }
    }

    @Test
    void pagesEntriesNewestFirstAndTheyExplainTheBalance() {
        String a = api.openAccount("USD");
        String b = api.openAccount("USD");
        api.credit(a, "100");
        for (int i = 1; i <= 7; i++) {
            api.post("/api/v1/transfers", transferBody(a, b, i + ".00", "USD"));
        }
        var ids = new java.util.ArrayList<String>();
        long sumMinor = 0;
        String cursor = null;
        do {
            var page = api.get("/api/v1/accounts/" + a + "/entries?limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            for (var entry : page.json().get("items")) {
                ids.add(entry.get("id").asText());
                long minor = new java.math.BigDecimal(entry.get("amount").asText()).movePointRight(2).longValueExact();
                sumMinor += "CREDIT".equals(entry.get("direction").asText()) ? minor : -minor;
            }
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asText();
        } while (cursor != null);

        assertThat(ids).hasSize(8).doesNotHaveDuplicates();
        assertThat(java.math.BigDecimal.valueOf(sumMinor, 2).toPlainString()).isEqualTo(api.balance(a)).isEqualTo("72.00");
        var newest = api.get("/api/v1/accounts/" + a + "/entries?limit=1").json().get("items").get(0);
        assertThat(newest.get("amount").asText()).isEqualTo("7.00");
        assertThat(newest.get("balanceAfter").asText()).isEqualTo("72.00");
    }

    @Test
    void refusesBadPagingParameters() {
        String a = api.openAccount("USD");
        expect(api.get("/api/v1/accounts/" + a + "/entries?limit=0"), 400, "VALIDATION_FAILED");
        expect(api.get("/api/v1/accounts/" + a + "/entries?limit=501"), 400, "VALIDATION_FAILED");
        expect(api.get("/api/v1/accounts/" + a + "/entries?limit=x"), 400, "VALIDATION_FAILED");
        expect(api.get("/api/v1/accounts/" + a + "/entries?cursor=bad!"), 400, "VALIDATION_FAILED");
        expect(api.get("/api/v1/accounts/" + UUID.randomUUID() + "/entries"), 404, "ACCOUNT_NOT_FOUND");
    }

    @Test
    void answersUnknownThingsWithProblems() {
        expect(api.get("/api/v1/accounts/" + UUID.randomUUID()), 404, "ACCOUNT_NOT_FOUND");
        expect(api.get("/api/v1/accounts/not-a-uuid"), 404, "ACCOUNT_NOT_FOUND");
        expect(api.get("/api/v1/transfers/" + UUID.randomUUID()), 404, "TRANSFER_NOT_FOUND");
        expect(api.get("/api/v1/nothing-here"), 404, "NOT_FOUND");
        var wrongMethod = api.send(api.request("/api/v1/transfers").method("DELETE", HttpRequest.BodyPublishers.noBody()));
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.code()).isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(wrongMethod.raw().body()).doesNotContain("Exception").doesNotContain("at dev.");
    }

    @Test
    void showsHealthWithDatabaseAndCacheDetails() {
        var health = api.get("/health");
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("UP");
        assertThat(health.json().get("details").get("jdbc").get("status").asText()).isEqualTo("UP");
        assertThat(health.json().get("details").get("idempotencyCache").get("status").asText()).isEqualTo("UP");
        assertThat(api.get("/health/readiness").status()).isEqualTo(200);
        assertThat(api.get("/health/liveness").status()).isEqualTo(200);
        assertThat(api.get("/prometheus").raw().body()).contains("ledger_tx_retries");
    }

    /** Sends a POST whose Idempotency-Key header carries these raw bytes (the JDK client would not). */
    private String rawPostWithKeyBytes(byte[] key) {
        try (var socket = new java.net.Socket(server.getHost(), server.getPort())) {
            String body = "{\"currency\":\"USD\"}";
            var out = socket.getOutputStream();
            out.write(("POST /api/v1/accounts HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + LedgerClient.OPERATOR_KEY + "\r\n"
                    + "Connection: close\r\nContent-Length: " + body.length() + "\r\nIdempotency-Key: ")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.write(key);
            out.write(("\r\n\r\n" + body).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void expect(LedgerClient.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        if (code != null) {
            assertThat(answer.code()).as(answer.toString()).isEqualTo(code);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        }
    }

    private static long count(String sql) throws SQLException {
        try (var conn = TestDatabase.connect(); var rs = conn.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
