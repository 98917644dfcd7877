package dev.polyledger.ledger.adapter.in.web;

import static dev.polyledger.ledger.testing.LedgerClient.transferBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyledger.ledger.testing.FreshDatabase;
import dev.polyledger.ledger.testing.LedgerClient;
import dev.polyledger.ledger.testing.Races;
import dev.polyledger.ledger.testing.LedgerInvariants;
import dev.polyledger.ledger.testing.TestDatabase;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Refunds on the real PostgreSQL, through the HTTP API. */
@ExtendWith(FreshDatabase.class)
@MicronautTest(transactional = false)
class RefundsIT {
    @Inject
    EmbeddedServer server;
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

    private String sale(String customer, String merchant, String amount) {
        var sale = api.post("/api/v1/transfers", transferBody(customer, merchant, amount, "USD"));
        assertThat(sale.status()).as(sale.toString()).isEqualTo(201);
        return sale.text("id");
    }

    @Test
    void partialRefundsGiveMoneyBackAndTheOriginalShowsThem() throws Exception {
        String customer = api.openAccount("USD");
        String merchant = api.openAccount("USD");
        api.credit(customer, "100.00");
        String sale = sale(customer, merchant, "50.00");

        var first = api.post("/api/v1/transfers/" + sale + "/refunds", "{\"amount\":\"20.00\",\"reference\":\"rma-1\"}");
        var second = api.post("/api/v1/transfers/" + sale + "/refunds", "{\"amount\":\"30.00\"}");
        var third = api.post("/api/v1/transfers/" + sale + "/refunds", "{\"amount\":\"0.01\"}");

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.text("kind")).isEqualTo("REFUND");
        assertThat(first.text("refundOf")).isEqualTo(sale);
        assertThat(first.text("sourceAccountId")).isEqualTo(merchant);
        assertThat(first.text("destinationAccountId")).isEqualTo(customer);
        assertThat(second.status()).isEqualTo(201);
        assertThat(third.status()).isEqualTo(422);
        assertThat(third.code()).isEqualTo("REFUND_EXCEEDS_TRANSFER");
        var original = api.get("/api/v1/transfers/" + sale);
        assertThat(original.text("refundedAmount")).isEqualTo("50.00");
        assertThat(original.json().get("refunds")).hasSize(2);
        assertThat(original.json().get("refunds").get(0).asText()).isEqualTo(first.text("id"));
        assertThat(api.balance(customer)).isEqualTo("100.00");
        assertThat(api.balance(merchant)).isEqualTo("0.00");

        var refundOfRefund = api.post("/api/v1/transfers/" + first.text("id") + "/refunds", null);
        assertThat(refundOfRefund.code()).isEqualTo("TRANSFER_NOT_REFUNDABLE");
        var creditId = api.credit(customer, "5.00").text("id");
        assertThat(api.post("/api/v1/transfers/" + creditId + "/refunds", null).code()).isEqualTo("TRANSFER_NOT_REFUNDABLE");
        assertThat(api.post("/api/v1/transfers/00000000-0000-4000-8000-000000000000/refunds", null).code())
                .isEqualTo("TRANSFER_NOT_FOUND");
        LedgerInvariants.assertHold();
    }

    @Test
    void concurrentRefundsOfOneTransferNeverExceedIt() throws Exception {
        String customer = api.openAccount("USD");
        String merchant = api.openAccount("USD");
        api.credit(customer, "100.00");
        api.credit(merchant, "100.00");
        String sale = sale(customer, merchant, "10.00");

        var answers = Races.together(pool, 20,
                i -> api.post("/api/v1/transfers/" + sale + "/refunds", "{\"amount\":\"1.00\"}"));
        int refunded = 0;
        for (var answer : answers) {
            if (answer.status() == 201) {
                refunded++;
            } else {
                assertThat(answer.code()).as(answer.toString()).isEqualTo("REFUND_EXCEEDS_TRANSFER");
            }
        }

        assertThat(refunded).isEqualTo(10);
        assertThat(api.get("/api/v1/transfers/" + sale).text("refundedAmount")).isEqualTo("10.00");
        assertThat(api.balance(customer)).isEqualTo("100.00");
        assertThat(LedgerInvariants.count("SELECT coalesce(sum(amount), 0) FROM transfer WHERE refund_of = '" + sale + "'"))
                .isEqualTo(1_000);
        LedgerInvariants.assertHold();
    }

    @Test
    void theDatabaseRefusesRefundsBeyondTheAmountAndAnyOtherChangeOfATransfer() throws Exception {
        String customer = api.openAccount("USD");
        String merchant = api.openAccount("USD");
        api.credit(customer, "100.00");
        String sale = sale(customer, merchant, "10.00");

        assertThatThrownBy(() -> update("UPDATE transfer SET refunded_amount = 1001 WHERE id = '" + sale + "'"))
                .isInstanceOf(SQLException.class).hasMessageContaining("transfer_refunded_within_amount");
        assertThatThrownBy(() -> update("UPDATE transfer SET amount = 2000 WHERE id = '" + sale + "'"))
                .isInstanceOf(SQLException.class).hasMessageContaining("immutable");
        assertThat(update("UPDATE transfer SET refunded_amount = 1000 WHERE id = '" + sale + "'")).isEqualTo(1);
        assertThatThrownBy(() -> update("UPDATE transfer SET refunded_amount = 999 WHERE id = '" + sale + "'"))
                .isInstanceOf(SQLException.class).hasMessageContaining("immutable");
    }

    private static int update(String sql) throws SQLException {
        try (var conn = TestDatabase.connect(); var st = conn.createStatement()) {
            return st.executeUpdate(sql);
        }
    }
}
