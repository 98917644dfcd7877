package dev.polyledger.perf;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;

import java.time.Duration;
import java.util.Locale;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.incrementUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * Issue 5 "capacity": stairs of increasing arrival rates of uniform transfers (fresh key each, as
 * {@link UniformTransfersSimulation}) until a level's p99 passes {@code p99Ms} (250 ms) or its failed
 * requests pass {@code maxErrorPct} (0.1 %); reports the last good level.
 *
 * <p>Injection: {@code incrementUsersPerSec(step).times(levels).eachLevelLasting(levelSeconds)
 * .startingFrom(startRate)}, levels back to back with no ramps. Gatling's statistics cover the whole run, so
 * each response time and outcome also goes to {@link CapacityStairs}, per level (a level = the requests
 * sent during it). Once a level that ended {@code p99Ms} ago is certain not to be good, the next arriving user
 * records the verdict and calls {@code stopLoadGenerator}: the higher levels are not run. After the run the
 * simulation prints one line per level ({@code [perf] capacity level=… rate=… p99_ms=… verdict=…}) and
 * {@link CapacityStairs#summaryLine()}, {@code [perf] capacity last_good_rate=… throughput=… p99_ms=…
 * errors_pct=… first_bad_rate=… reason=…}, which perf/run parses.
 *
 * <p>Properties: {@code startRate} transfers/s (20), {@code step} transfers/s (20), {@code levels} (15),
 * {@code levelSeconds} (10), {@code p99Ms} (250), {@code maxErrorPct} (0.1), {@code minGoodRate} transfers/s
 * (= startRate), {@code accounts} (10000), {@code minCents}/{@code maxCents} (1/100). Response times are
 * kept up to {@code gatling.http.requestTimeout} (10,000 ms in gatling.conf; a longer request is a KO anyway).
 *
 * <p>Asserts (as the verdict request {@value #VERDICT}): at least one good level, at a rate &ge; minGoodRate.
 * There is no assertion on the whole run's failures or p99: the last level is meant to fail.
 */
public class CapacitySimulation extends LedgerSimulation {

    static final String REQUEST = "capacity: transfer";
    static final String VERDICT = "capacity: verdict, a good level at or above minGoodRate";
    private static final String LEVEL = "capacityLevel";
    private static final String SENT_AT = "capacitySentAt";

    private final CapacityStairs stairs;
    private final double minGoodRate;

    public CapacitySimulation() {
        double startRate = PerfConfig.decimal("startRate", 20);
        double step = PerfConfig.decimal("step", 20);
        int levels = PerfConfig.integer("levels", 15);
        Duration levelDuration = PerfConfig.seconds("levelSeconds", 10);
        int p99Ms = PerfConfig.integer("p99Ms", 250);
        double maxErrorPct = PerfConfig.decimal("maxErrorPct", 0.1);
        int requestTimeoutMs = PerfConfig.integer("gatling.http.requestTimeout", 10_000);
        minGoodRate = PerfConfig.decimal("minGoodRate", startRate);
        if (step <= 0) {
            throw new IllegalArgumentException("step must be > 0, got " + step);
        }
        stairs = new CapacityStairs(startRate, step, levels, levelDuration, p99Ms, maxErrorPct, requestTimeoutMs, System::nanoTime);

        System.out.printf(Locale.ROOT, "[perf] CapacitySimulation: %d levels of %d s from %.1f to %.1f transfers/s (+%.1f), %,d accounts; "
                        + "a level is good with p99 <= %d ms and errors <= %s %%; asserts a good level >= %.1f/s%n",
                levels, levelDuration.toSeconds(), startRate, stairs.rate(levels - 1), step, accountCount(), p99Ms, maxErrorPct, minGoodRate);

        ChainBuilder iteration = doIf(session -> stairs.claimStop())
                .then(exec(LedgerRequests.verdict(VERDICT, this::verdictProblem))
                        .stopLoadGenerator(session -> "stairs stopped: " + stairs.firstBad().map(CapacityStairs.Level::describe).orElse("?")))
                .exec(session -> session.set(LEVEL, stairs.start()).set(SENT_AT, stairs.now()))
                .exec(transferStep(REQUEST, uniformPairs()))
                .exec(this::record);

        // Runs only when the stairs end without a stop: the verdict over every level.
        var finalVerdict = scenario("capacity-verdict")
                .exec(LedgerRequests.verdict(VERDICT, this::verdictProblem))
                .injectOpen(atOnceUsers(1));
        setUp(scenario("capacity").exec(iteration)
                .injectOpen(incrementUsersPerSec(step).times(levels).eachLevelLasting(levelDuration).startingFrom(startRate))
                .andThen(finalVerdict))
                .protocols(httpProtocol(true))
                .assertions(details(VERDICT).failedRequests().count().is(0L))
                .maxDuration(levelDuration.multipliedBy(levels).plus(Duration.ofSeconds(30)));
    }

    private Session record(Session session) {
        stairs.finish(session.getInt(LEVEL), session.getLong(SENT_AT), !session.isFailed());
        return session;
    }

    /** null when a good level at or above minGoodRate exists, otherwise why not. */
    private String verdictProblem() {
        var good = stairs.lastGood();
        if (good.isPresent() && good.get().rate() >= minGoodRate) {
            return null;
        }
        return String.format(Locale.ROOT, "no good level at or above %.1f/s (last good: %s; first bad: %s)", minGoodRate,
                good.map(CapacityStairs.Level::describe).orElse("none"),
                stairs.firstBad().map(CapacityStairs.Level::describe).orElse("none"));
    }

    @Override
    public void after() {
        super.after();
        for (CapacityStairs.Level level : stairs.results()) {
            System.out.println("[perf] capacity " + level.describe());
        }
        System.out.println(stairs.summaryLine());
        System.out.flush();
    }
}
