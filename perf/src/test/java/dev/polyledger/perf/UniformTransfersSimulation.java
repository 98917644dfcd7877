package dev.polyledger.perf;

import io.gatling.javaapi.core.ChainBuilder;

import java.time.Duration;

import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.global;

/**
 * Transfers between uniformly random pairs of funded accounts (low contention).
 *
 * <p>Properties: {@code accounts} (10000), {@code setupConcurrency} (8), {@code clients} (32),
 * {@code duration} s (30), {@code arrivalRate} users/s (unset = closed model), {@code minCents} (1),
 * {@code maxCents} (100), {@code maxFailedPct} (0.1), {@code p99Ms} (1000), {@code LEDGER_BASE_URL}.
 *
 * <p>Asserts: failed requests &lt; maxFailedPct % and p99 response time &lt; p99Ms over the run.
 */
public class UniformTransfersSimulation extends LedgerSimulation {

    public UniformTransfersSimulation() {
        super(PerfConfig.integer("accounts", 10_000));
        LoadModel load = LoadModel.fromProperties(32, 30);
        double maxFailedPct = PerfConfig.decimal("maxFailedPct", 0.1);
        int p99Ms = PerfConfig.integer("p99Ms", 1000);

        ChainBuilder iteration = feed(uniformPairs(PerfConfig.integer("minCents", 1), PerfConfig.integer("maxCents", 100)))
                .exec(LedgerRequests.transfer("transfer", currency, LedgerRequests.Outcome.CREATED, false));

        System.out.printf("[perf] UniformTransfersSimulation: %s, %,d accounts; asserts failed%% < %s, p99 < %d ms%n",
                load, accountCount(), maxFailedPct, p99Ms);

        setUp(load.population("uniform-transfers", iteration))
                .protocols(httpProtocol(load.shareConnections()))
                .assertions(
                        global().failedRequests().percent().lt(maxFailedPct),
                        global().responseTime().percentile(99.0).lt(p99Ms))
                .maxDuration(load.maxDuration(Duration.ofSeconds(30)));
    }
}
