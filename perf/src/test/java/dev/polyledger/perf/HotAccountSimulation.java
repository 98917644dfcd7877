package dev.polyledger.perf;

import java.time.Duration;
import java.util.stream.Stream;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * Issue 5 "hot account": half of the transfers credit one merchant account, the rest are uniform
 * ({@link AccountPairs#merchant}; the merchant is the fixture's first funded account, as account 1 is in
 * perf/pgbench/transfer.sql {@code -D merchant_pct=50}). Open model, fresh {@code Idempotency-Key} per transfer.
 * Every transfer into the merchant queues on that account's row, so this measures how the API serialises
 * one hot row against pgbench doing the same.
 *
 * <p>Properties: {@code arrivalRate} transfers/s (50; perf/run offers pgbench's hot-account TPS of the same
 * sitting, rounded up), {@code duration} s (30), {@code merchantPct} 0..100 (50, as pgbench's
 * {@code merchant_pct}), {@code accounts} (10000),
 * {@code p99Ms} (250), {@code maxFailedPct} (0.1).
 *
 * <p>Asserts, on {@value #REQUEST}: failed &lt; maxFailedPct % and p99 &le; p99Ms (250 ms: the same "good
 * level" bound as {@link CapacitySimulation}, so "the API sustains pgbench's hot rate" means the same as a good
 * capacity level); and, as its own verdict request {@value #NO_5XX}, that no transfer was answered with a 5xx
 * (issue 5: "hot account ... with zero 5xx"). 201 is the only answer counted OK: the sources hold
 * 1,000,000.00 each and send at most 1.00, so even a 422 would be a regression here.
 */
public class HotAccountSimulation extends LedgerSimulation {

    static final String REQUEST = "hot: transfer";
    static final String NO_5XX = "hot: verdict, no 5xx answer";

    public HotAccountSimulation() {
        LoadModel load = LoadModel.fromProperties(50, 30);
        SuccessCriteria criteria = SuccessCriteria.fromProperties(250);
        double merchantPct = PerfConfig.percent("merchantPct", 50);
        AccountPairs pairs = merchantPairs(merchantPct / 100);

        System.out.printf("[perf] HotAccountSimulation: %s, %,d accounts, %.0f %% of the transfers to the merchant; asserts %s, zero 5xx%n",
                load, accountCount(), merchantPct, criteria);

        var verdict = scenario("hot-verdict")
                .exec(LedgerRequests.verdict(NO_5XX, () -> {
                    long n = LedgerRequests.SERVER_ERRORS.sum();
                    return n == 0 ? null : n + " transfers answered 5xx";
                }))
                .injectOpen(atOnceUsers(1));
        setUp(load.population("hot-account", transferStep(REQUEST, pairs)).andThen(verdict))
                .protocols(httpProtocol(load.shareConnections()))
                .assertions(Stream.concat(criteria.overRequest(REQUEST).stream(),
                        Stream.of(details(NO_5XX).failedRequests().count().is(0L))).toList())
                .maxDuration(load.maxDuration(Duration.ofSeconds(30)));
    }
}
