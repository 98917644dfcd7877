package dev.polyledger.perf;

import java.util.List;

/**
 * Issue 5 "capacity": stairs of increasing arrival rates of uniform transfers (fresh key each, as
 * {@link UniformTransfersSimulation}) until a level's p99 passes {@code p99Ms} (250 ms) or its failed
 * requests pass {@code maxErrorPct} (0.1 %); reports the last good level ({@link StairsLoad},
 * {@link CapacityStairs}). Request name {@value #REQUEST}; console lines {@code [perf] capacity level=…} and
 * {@code [perf] capacity last_good_rate=… throughput=… p99_ms=… errors_pct=… first_bad_rate=… reason=…
 * levels_run=…}, which perf/run parses.
 *
 * <p>Properties: {@code startRate} transfers/s (20), {@code step} transfers/s (20), {@code levels} (15),
 * {@code levelSeconds} (10), {@code p99Ms} (250), {@code maxErrorPct} (0.1), {@code minGoodRate} transfers/s
 * (= startRate), {@code accounts} (10000), {@code minCents}/{@code maxCents} (1/100).
 *
 * <p>Asserts (as the verdict request {@value #VERDICT}): at least one good level, at a rate &ge; minGoodRate.
 * There is no assertion on the whole run's failures or p99: the last level is meant to fail.
 */
public class CapacitySimulation extends LedgerSimulation {

    static final String REQUEST = "capacity: transfer";
    static final String VERDICT = "capacity: verdict, a good level at or above minGoodRate";

    private final StairsLoad stairs;

    public CapacitySimulation() {
        double startRate = PerfConfig.decimal("startRate", 20);
        stairs = new StairsLoad("capacity", VERDICT, startRate, PerfConfig.decimal("step", 20),
                PerfConfig.integer("levels", 15), PerfConfig.seconds("levelSeconds", 10),
                PerfConfig.decimal("minGoodRate", startRate));
        System.out.printf("[perf] CapacitySimulation: %s, %,d accounts%n", stairs, accountCount());

        setUp(stairs.population(transferStep(REQUEST, uniformPairs()), List.of()))
                .protocols(httpProtocol(true))
                .assertions(stairs.assertion())
                .maxDuration(stairs.maxDuration());
    }

    @Override
    public void after() {
        super.after();
        stairs.print();
    }
}
