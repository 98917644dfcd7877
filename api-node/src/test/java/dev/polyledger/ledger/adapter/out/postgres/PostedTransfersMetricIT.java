package dev.polyledger.ledger.adapter.out.postgres;

import static dev.polyledger.ledger.testing.LedgerClient.transferBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.ledger.testing.FreshDatabase;
import dev.polyledger.ledger.testing.LedgerClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ledger.transfers.posted} ({@code ledger_transfers_posted_total}) counts committed transfers by kind: every
 * kind moves by exactly what was posted, and refusals and replays of an Idempotency-Key do not count.
 */
@ExtendWith(FreshDatabase.class)
@MicronautTest(transactional = false)
class PostedTransfersMetricIT {
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
    void countsEveryCommittedTransferByKindAndNothingElse() {
        String alice = api.openAccount("USD");
        String bob = api.openAccount("USD");
        var before = counts();

        assertThat(api.credit(alice, "100").status()).isEqualTo(201);
        String key = "metric-transfer-" + alice;
        var transfer = api.post("/api/v1/transfers", transferBody(alice, bob, "10", "USD"), key);
        assertThat(transfer.status()).isEqualTo(201);
        assertThat(api.post("/api/v1/transfers", transferBody(alice, bob, "10", "USD"), key)
                .header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(api.post("/api/v1/transfers", transferBody(alice, bob, "1000", "USD")).code())
                .isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(api.post("/api/v1/accounts/" + alice + "/debits", "{\"amount\":\"5\"}").status()).isEqualTo(201);
        assertThat(api.post("/api/v1/transfers/" + transfer.text("id") + "/refunds", "{\"amount\":\"2\"}").status())
                .isEqualTo(201);
        var hold = api.post("/api/v1/holds", transferBody(alice, bob, "3", "USD"));
        assertThat(hold.status()).isEqualTo(201);
        assertThat(api.post("/api/v1/holds/" + hold.text("id") + "/post", "{}").status()).isEqualTo(201);

        assertThat(delta(before, counts())).isEqualTo(Map.of(
                "CREDIT", 1.0, "TRANSFER", 1.0, "DEBIT", 1.0, "REFUND", 1.0, "HOLD_POST", 1.0));
        assertThat(api.get("/prometheus").raw().body())
                .contains("ledger_transfers_posted_total{kind=\"HOLD_POST\"");
    }

    private Map<String, Double> counts() {
        var counts = new TreeMap<String, Double>();
        meters.find(PostedTransfersMetric.NAME).counters()
                .forEach(counter -> counts.put(counter.getId().getTag("kind"), counter.count()));
        return counts;
    }

    private static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        var delta = new TreeMap<String, Double>();
        after.forEach((kind, count) -> {
            double moved = count - before.getOrDefault(kind, 0.0);
            if (moved != 0) {
                delta.put(kind, moved);
            }
        });
        return delta;
    }
}
