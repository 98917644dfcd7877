package dev.polyledger.perf;

import io.gatling.javaapi.core.ChainBuilder;

import java.time.Duration;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;

/**
 * Issue 5 "mixed": 80 % reads, 20 % transfers, open model. Each arriving user makes one request, drawn
 * at random: {@code GET /api/v1/accounts/{id}} ({@value #GET_ACCOUNT}) or
 * {@code GET /api/v1/accounts/{id}/entries?limit=20} ({@value #LIST_ENTRIES}), half of the reads each, of a
 * uniformly random funded account; or a transfer with a fresh key between a uniform pair ({@value #TRANSFER}).
 *
 * <p>Properties: {@code arrivalRate} requests/s, all kinds together (100; perf/run offers the capacity's last
 * good rate: reads take no SERIALIZABLE transaction and no fsync, so the mix at the transfer capacity's rate
 * should still be a good level), {@code duration} s (30), {@code readPct} (80), {@code entriesLimit} (20),
 * {@code accounts} (10000), {@code p99Ms} (250), {@code maxFailedPct} (0.1).
 *
 * <p>Asserts over all requests: failed &lt; maxFailedPct % and p99 &le; p99Ms (250 ms: a good capacity level's
 * bound, see {@link CapacitySimulation}).
 */
public class MixedSimulation extends LedgerSimulation {

    static final String GET_ACCOUNT = "mixed: get account";
    static final String LIST_ENTRIES = "mixed: list entries";
    static final String TRANSFER = "mixed: transfer";

    public MixedSimulation() {
        double readPct = PerfConfig.percent("readPct", 80);
        int entriesLimit = PerfConfig.integer("entriesLimit", 20);
        LoadModel load = LoadModel.fromProperties(100, 30);
        SuccessCriteria criteria = SuccessCriteria.fromProperties(250);

        AccountPairs pairs = uniformPairs();
        ChainBuilder iteration = randomSwitch().on(
                percent(readPct / 2).then(feed(pairs).exec(measured(GET_ACCOUNT,
                        exec(LedgerRequests.getAccount(GET_ACCOUNT, "sourceAccountId"))))),
                percent(readPct / 2).then(feed(pairs).exec(measured(LIST_ENTRIES,
                        exec(LedgerRequests.listEntries(LIST_ENTRIES, "sourceAccountId", entriesLimit))))),
                percent(100 - readPct).then(transferStep(TRANSFER, pairs)));

        System.out.printf("[perf] MixedSimulation: %s, %.0f %% reads, %,d accounts; asserts %s%n", load, readPct, accountCount(), criteria);

        setUp(load.population("mixed", exec(iteration)))
                .protocols(httpProtocol(load.shareConnections()))
                .assertions(criteria.overAll())
                .maxDuration(load.maxDuration(Duration.ofSeconds(30)));
    }
}
