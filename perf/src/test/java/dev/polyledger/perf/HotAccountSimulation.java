package dev.polyledger.perf;

import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.details;

/**
 * Issue 5 "hot account": half of the transfers credit one merchant account, the rest are uniform
 * ({@link AccountPairs#merchant}; the merchant is the fixture's first funded account, as account 1 is in
 * perf/pgbench/transfer.sql {@code -D merchant_pct=50}). Open model, fresh {@code Idempotency-Key} per transfer.
 * Every transfer into the merchant queues on that account's row, so this measures how the API serialises
 * one hot row against pgbench doing the same.
 *
 * <p>The load is a stairs ({@link StairsLoad}) of {@code levels} equal steps up to {@code arrivalRate}:
 * {@code arrivalRate × 1/levels, 2/levels, … 1}, {@code levelSeconds} each; with {@code levels} = 1 (the default)
 * one constant rate. A level is good with p99 &le; {@code p99Ms} (250) and failed &le; {@code maxErrorPct} %
 * (0.1), the criteria of a good {@link CapacitySimulation} level, and the stairs stop at the first bad one:
 * the last good level is the API's hot-account rate ({@code [perf] hot last_good_rate=…}). perf/run sets
 * {@code arrivalRate} to pgbench's hot-account TPS of the same sitting (rounded up) and {@code levels} to 8,
 * so an API slower than pgbench gets a figure instead of an overload, and the top level is the target itself.
 *
 * <p>Properties: {@code arrivalRate} transfers/s at the top level (50), {@code levels} (1), {@code levelSeconds}
 * (30), {@code merchantPct} 0..100 (50, as pgbench's {@code merchant_pct}), {@code accounts} (10000),
 * {@code p99Ms} (250), {@code maxErrorPct} (0.1).
 *
 * <p>Asserts, as verdict requests: the top level ({@code arrivalRate}) is good ({@value #VERDICT}), and no
 * transfer was answered with a 5xx ({@value #NO_5XX}; issue 5: "hot account ... with zero 5xx"). 201 is the only
 * answer counted OK: the sources hold 1,000,000.00 each and send at most 1.00, so even a 422 is a regression here.
 */
public class HotAccountSimulation extends LedgerSimulation {

    static final String REQUEST = "hot: transfer";
    static final String VERDICT = "hot: verdict, the top level is good";
    static final String NO_5XX = "hot: verdict, no 5xx answer";

    private final StairsLoad stairs;

    public HotAccountSimulation() {
        double topRate = PerfConfig.decimal("arrivalRate", 50);
        int levels = PerfConfig.integer("levels", 1);
        double merchantPct = PerfConfig.percent("merchantPct", 50);
        stairs = new StairsLoad("hot", VERDICT, topRate / levels, topRate / levels, levels,
                PerfConfig.seconds("levelSeconds", 30), topRate);
        System.out.printf("[perf] HotAccountSimulation: %s, %,d accounts, %.0f %% of the transfers to the merchant; zero 5xx asserted%n",
                stairs, accountCount(), merchantPct);

        var no5xx = LedgerRequests.verdict(NO_5XX, () -> {
            long n = LedgerRequests.SERVER_ERRORS.sum();
            return n == 0 ? null : n + " transfers answered 5xx";
        });
        setUp(stairs.population(transferStep(REQUEST, merchantPairs(merchantPct / 100)), List.of(no5xx)))
                .protocols(httpProtocol(true))
                .assertions(stairs.assertion(), details(NO_5XX).failedRequests().count().is(0L))
                .maxDuration(stairs.maxDuration());
    }

    @Override
    public void after() {
        super.after();
        stairs.print();
    }
}
