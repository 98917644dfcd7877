package dev.polyledger.perf;

import java.time.Duration;
import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;

/**
 * Issue 5 "replay": retries of already-completed keys, which the API must answer from its idempotency
 * cache without running the transfer again (api-contract.md, "Idempotency": same key, same request → the
 * first response, plus {@code Idempotent-Replayed: true}).
 *
 * <p>Before the measured part (in {@link #prepare}, not measured) the fixture completes {@code replayKeys}
 * transfers through the API between uniformly random funded accounts, each with a fresh key, and keeps
 * key, exact request body and transfer id ({@link LedgerFixture#completeTransfers}). The measured part
 * re-sends them, cycling through the keys, at a constant arrival rate ({@value #REQUEST}) and checks status
 * 201, {@code Idempotent-Replayed: true} and that the body's {@code id} is the original transfer's.
 * That the answers came from the cache and not from a re-run is shown outside Gatling by perf/run: the
 * api-nodes' {@code ledger_idempotency_replays_total{source=cache|store}} counters and the row count of
 * {@code transfer}, before and after the measured part.
 *
 * <p>Properties: {@code arrivalRate} replays/s (150; perf/run offers 3 × the uniform rate), {@code duration}
 * s (30), {@code replayKeys} (2000), {@code accounts} (10000), {@code p99Ms} (10), {@code maxFailedPct} (0.1).
 *
 * <p>Asserts over the run: failed &lt; maxFailedPct % and p99 &le; p99Ms (issue 5's target: "replay ... with
 * p99 &le; 10 ms").
 */
public class ReplaySimulation extends LedgerSimulation {

    static final String REQUEST = "replay: transfer";

    private final int replayKeys = PerfConfig.integer("replayKeys", 2000);
    private volatile List<LedgerFixture.CompletedTransfer> completed = List.of();

    public ReplaySimulation() {
        if (replayKeys < 1) {
            throw new IllegalArgumentException("replayKeys must be >= 1, got " + replayKeys);
        }
        LoadModel load = LoadModel.fromProperties(150, 30);
        SuccessCriteria criteria = SuccessCriteria.fromProperties(10);

        System.out.printf("[perf] ReplaySimulation: %s, %,d completed keys replayed; asserts %s%n", load, replayKeys, criteria);

        var iteration = feed(LedgerFixture.CompletedTransfer.feeder(() -> completed))
                .exec(measured(REQUEST, exec(LedgerRequests.replayTransfer(REQUEST))));
        setUp(load.population("replay", iteration))
                .protocols(httpProtocol(load.shareConnections()))
                .assertions(criteria.overAll())
                .maxDuration(load.maxDuration(Duration.ofSeconds(30)));
    }

    @Override
    protected void prepare(LedgerFixture fixture) {
        completed = fixture.completeTransfers(replayKeys, uniformPairs());
    }
}
