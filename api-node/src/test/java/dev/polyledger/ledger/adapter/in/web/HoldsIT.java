package dev.polyledger.ledger.adapter.in.web;

import static dev.polyledger.ledger.testing.LedgerClient.transferBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyledger.ledger.application.port.in.HoldUseCase;
import dev.polyledger.ledger.testing.FreshDatabase;
import dev.polyledger.ledger.testing.LedgerClient;
import dev.polyledger.ledger.testing.Races;
import dev.polyledger.ledger.testing.LedgerInvariants;
import dev.polyledger.ledger.testing.TestDatabase;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Holds on the real PostgreSQL, through the HTTP API: the flow, races on one hold and one account, and expiry. */
@ExtendWith(FreshDatabase.class)
@MicronautTest(transactional = false)
class HoldsIT {
    @Inject
    EmbeddedServer server;
    @Inject
    HoldUseCase holds;
    LedgerClient api;
    ExecutorService pool;

    @BeforeEach
    void setUp() {
        api = new LedgerClient(server.getURL().toString());
        pool = Executors.newFixedThreadPool(20);
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    static String holdBody(String source, String destination, String amount, String expiresAt) {
        return "{\"sourceAccountId\":\"" + source + "\",\"destinationAccountId\":\"" + destination + "\",\"amount\":\""
                + amount + "\",\"currency\":\"USD\",\"reference\":\"auth-1\""
                + (expiresAt == null ? "" : ",\"expiresAt\":\"" + expiresAt + "\"") + "}";
    }

    @Test
    void aCardPaymentReservesThenCapturesPartlyThenReleasesTheRest() throws Exception {
        String card = api.openAccount("USD");
        String merchant = api.openAccount("USD");
        api.credit(card, "100.00");

        var hold = api.post("/api/v1/holds", holdBody(card, merchant, "60.00", null));
        assertThat(hold.status()).as(hold.toString()).isEqualTo(201);
        assertThat(hold.text("status")).isEqualTo("PENDING");
        assertThat(hold.text("remainingAmount")).isEqualTo("60.00");
        String holdId = hold.text("id");
        var account = api.get("/api/v1/accounts/" + card);
        assertThat(account.text("balance")).isEqualTo("100.00");
        assertThat(account.text("heldAmount")).isEqualTo("60.00");
        assertThat(account.text("availableBalance")).isEqualTo("40.00");

        var tooMuch = api.post("/api/v1/transfers", transferBody(card, merchant, "40.01", "USD"));
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.code()).isEqualTo("INSUFFICIENT_FUNDS");

        var capture = api.post("/api/v1/holds/" + holdId + "/post", "{\"amount\":\"20.00\"}");
        assertThat(capture.status()).as(capture.toString()).isEqualTo(201);
        assertThat(capture.text("kind")).isEqualTo("HOLD_POST");
        assertThat(capture.text("holdId")).isEqualTo(holdId);
        assertThat(capture.text("amount")).isEqualTo("20.00");
        var partly = api.get("/api/v1/holds/" + holdId);
        assertThat(partly.text("status")).isEqualTo("PENDING");
        assertThat(partly.text("postedAmount")).isEqualTo("20.00");
        assertThat(partly.text("remainingAmount")).isEqualTo("40.00");
        assertThat(partly.json().get("transfers").get(0).asText()).isEqualTo(capture.text("id"));

        var tooBig = api.post("/api/v1/holds/" + holdId + "/post", "{\"amount\":\"40.01\"}");
        assertThat(tooBig.status()).isEqualTo(422);
        assertThat(tooBig.code()).isEqualTo("AMOUNT_EXCEEDS_HOLD");

        var voided = api.post("/api/v1/holds/" + holdId + "/void", null);
        assertThat(voided.status()).as(voided.toString()).isEqualTo(200);
        assertThat(voided.text("status")).isEqualTo("VOIDED");
        var again = api.post("/api/v1/holds/" + holdId + "/void", null);
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.code()).isEqualTo("HOLD_NOT_PENDING");

        var after = api.get("/api/v1/accounts/" + card);
        assertThat(after.text("balance")).isEqualTo("80.00");
        assertThat(after.text("heldAmount")).isEqualTo("0.00");
        assertThat(after.text("availableBalance")).isEqualTo("80.00");
        assertThat(api.balance(merchant)).isEqualTo("20.00");
        var listed = api.get("/api/v1/accounts/" + card + "/holds");
        assertThat(listed.json().get("items").get(0).get("id").asText()).isEqualTo(holdId);
        assertThat(api.get("/api/v1/accounts/" + card + "/holds?status=PENDING").json().get("items")).isEmpty();
        assertThat(LedgerInvariants.count("SELECT count(*) FROM outbox WHERE aggregate_id = '" + holdId
                + "' AND event_type IN ('hold.created', 'hold.posted', 'hold.voided')")).isEqualTo(3);
        assertThat(api.get("/api/v1/holds/00000000-0000-4000-8000-000000000000").code()).isEqualTo("HOLD_NOT_FOUND");
        LedgerInvariants.assertHold();
    }

    @Test
    void concurrentCapturesOfOneHoldNeverExceedIt() throws Exception {
        String card = api.openAccount("USD");
        String merchant = api.openAccount("USD");
        api.credit(card, "100.00");
        String holdId = api.post("/api/v1/holds", holdBody(card, merchant, "10.00", null)).text("id");

        var answers = Races.together(pool, 20, i -> api.post("/api/v1/holds/" + holdId + "/post", "{\"amount\":\"1.00\",\"final\":false}"));

        int captured = 0;
        for (var answer : answers) {
            if (answer.status() == 201) {
                captured++;
            } else {
                assertThat(answer.status()).as(answer.toString()).isEqualTo(422);
                assertThat(answer.code()).isIn("AMOUNT_EXCEEDS_HOLD", "HOLD_NOT_PENDING");
            }
        }
        assertThat(captured).isEqualTo(10);
        assertThat(api.balance(merchant)).isEqualTo("10.00");
        var hold = api.get("/api/v1/holds/" + holdId);
        assertThat(hold.text("status")).isEqualTo("POSTED");
        assertThat(hold.text("postedAmount")).isEqualTo("10.00");
        assertThat(api.get("/api/v1/accounts/" + card).text("heldAmount")).isEqualTo("0.00");
        LedgerInvariants.assertHold();
    }

    @Test
    void concurrentTransfersAndHoldsOnOneAccountNeverOverdrawItsAvailableBalance() throws Exception {
        String payer = api.openAccount("USD");
        String payee = api.openAccount("USD");
        api.credit(payer, "100.00");

        var answers = Races.together(pool, 20, i -> i % 2 == 0
                ? api.post("/api/v1/holds", holdBody(payer, payee, "10.00", null))
                : api.post("/api/v1/transfers", transferBody(payer, payee, "10.00", "USD")));

        int accepted = 0;
        for (var answer : answers) {
            if (answer.status() == 201) {
                accepted++;
            } else {
                assertThat(answer.code()).as(answer.toString()).isEqualTo("INSUFFICIENT_FUNDS");
            }
        }
        assertThat(accepted).isEqualTo(10);
        var account = api.get("/api/v1/accounts/" + payer);
        assertThat(account.text("availableBalance")).isEqualTo("0.00");
        assertThat(LedgerInvariants.count("SELECT count(*) FROM account WHERE balance - held_amount < 0 "
                + "AND NOT allow_negative_balance")).isZero();
        LedgerInvariants.assertHold();
    }

    @Test
    void threeSweepersAtOnceExpireEachDueHoldExactlyOnce() throws Exception {
        var sources = new ArrayList<String>();
        for (int i = 0; i < 4; i++) {
            sources.add(api.openAccount("USD"));
            api.credit(sources.get(i), "100.00");
        }
        String merchant = api.openAccount("USD");
        String soon = Instant.now().plusSeconds(2).toString();
        String later = Instant.now().plusSeconds(3600).toString();
        var due = new ArrayList<String>();
        for (int i = 0; i < 60; i++) {
            var answer = api.post("/api/v1/holds", holdBody(sources.get(i % 4), merchant, "1.00", soon));
            assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
            due.add(answer.text("id"));
        }
        // The control: a hold not yet due is left alone.
        String notDue = api.post("/api/v1/holds", holdBody(sources.get(0), merchant, "1.00", later)).text("id");
        while (Instant.now().isBefore(Instant.parse(soon))) {
            Thread.sleep(50);
        }
        assertThat(api.get("/api/v1/holds/" + due.get(0)).text("status")).as("reads never show it pending").isEqualTo("EXPIRED");

        var start = new CountDownLatch(1);
        var sweepers = new ArrayList<Future<Integer>>();
        for (int s = 0; s < 3; s++) {
            sweepers.add(pool.submit(() -> {
                start.await();
                int expired = 0;
                int n;
                do {
                    n = holds.expireDue(7);
                    expired += n;
                } while (n > 0);
                return expired;
            }));
        }
        start.countDown();
        int total = 0;
        for (var sweeper : sweepers) {
            total += sweeper.get();
        }

        assertThat(total).isEqualTo(60);
        assertThat(LedgerInvariants.count("SELECT count(*) FROM outbox WHERE event_type = 'hold.expired' "
                + "AND aggregate_id IN (" + quoted(due) + ")")).isEqualTo(60);
        assertThat(LedgerInvariants.count("SELECT count(DISTINCT aggregate_id) FROM outbox WHERE event_type = 'hold.expired' "
                + "AND aggregate_id IN (" + quoted(due) + ")")).isEqualTo(60);
        assertThat(api.get("/api/v1/holds/" + notDue).text("status")).isEqualTo("PENDING");
        for (int i = 0; i < 4; i++) {
            assertThat(api.get("/api/v1/accounts/" + sources.get(i)).text("heldAmount")).isEqualTo(i == 0 ? "1.00" : "0.00");
        }
        var expired = api.post("/api/v1/holds/" + due.get(1) + "/post", null);
        assertThat(expired.code()).isEqualTo("HOLD_NOT_PENDING");
    }

    @Test
    void theDatabaseRefusesAnAvailableBalanceBelowZeroOnANonNegativeAccount() throws Exception {
        String account = api.openAccount("USD");
        api.credit(account, "5.00");

        assertThatThrownBy(() -> {
            try (var conn = TestDatabase.connect(); var st = conn.createStatement()) {
                st.executeUpdate("UPDATE account SET held_amount = 501 WHERE id = '" + account + "'");
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("account_held_covered_by_balance");
        try (var conn = TestDatabase.connect(); var st = conn.createStatement()) {
            assertThat(st.executeUpdate("UPDATE account SET held_amount = 500 WHERE id = '" + account + "'")).isEqualTo(1);
        }
    }

    private static String quoted(List<String> ids) {
        return String.join(",", ids.stream().map(id -> "'" + id + "'").toList());
    }

}
