package dev.polyledger.perf;

import java.time.Duration;

/**
 * Transfers between uniformly random pairs of funded accounts (low contention), issue 5 "uniform": an open
 * model by default, a constant arrival rate of transfers, each with a fresh {@code Idempotency-Key}.
 * Request name: {@value #REQUEST}.
 *
 * <p>Properties (see {@link LoadModel}, {@link SuccessCriteria}): {@code arrivalRate} transfers/s (50),
 * {@code duration} s (30), {@code accounts} (10000), {@code minCents}/{@code maxCents} (1/100),
 * {@code p99Ms} (100), {@code maxFailedPct} (0.1), {@code shareConnections} (true); {@code clients} without
 * {@code arrivalRate} switches to the closed model.
 *
 * <p>Asserts: failed requests &lt; maxFailedPct % and p99 &le; p99Ms ms over the run. The default p99 bound is
 * issue 5's target "p99 &le; 100 ms at half of the capacity rate": perf/run runs it at half of
 * {@link CapacitySimulation}'s last good rate.
 */
public class UniformTransfersSimulation extends LedgerSimulation {

    static final String REQUEST = "uniform: transfer";

    public UniformTransfersSimulation() {
        LoadModel load = LoadModel.fromProperties(50, 30);
        SuccessCriteria criteria = SuccessCriteria.fromProperties(100);

        System.out.printf("[perf] UniformTransfersSimulation: %s, %,d accounts; asserts %s%n", load, accountCount(), criteria);

        setUp(load.population("uniform-transfers", transferStep(REQUEST, uniformPairs())))
                .protocols(httpProtocol(load.shareConnections()))
                .assertions(criteria.overAll())
                .maxDuration(load.maxDuration(Duration.ofSeconds(30)));
    }
}
