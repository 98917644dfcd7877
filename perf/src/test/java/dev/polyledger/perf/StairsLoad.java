package dev.polyledger.perf;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.incrementUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * An open-model stairs of arrival rates judged level by level, shared by {@link CapacitySimulation} and
 * {@link HotAccountSimulation}: {@code incrementUsersPerSec(step).times(levels).eachLevelLasting(levelDuration)
 * .startingFrom(startRate)}, levels back to back, each arriving user sending one request.
 *
 * <p>Gatling's statistics and assertions cover the whole run, so every response time and outcome also goes
 * to a {@link CapacityStairs}, per level. Once a level that ended {@code p99Ms} ago is certain not to be good,
 * the next arriving user sends the verdict requests and calls {@code stopLoadGenerator}: the higher levels
 * are not run. When the stairs end without a stop, the verdict requests run after them ({@code andThen}).
 * The verdict request {@link #verdictName} fails unless a good level at or above {@code minGoodRate} exists;
 * {@link #assertion()} asserts it has no failure.
 *
 * <p>After the run, {@link #print()} writes one line per level ({@code [perf] <label> level=… rate=… p99_ms=…
 * verdict=…}) and the summary ({@code [perf] <label> last_good_rate=… …}, see {@link CapacityStairs#summary()}),
 * which perf/run parses.
 */
final class StairsLoad {

    private static final String LEVEL = "stairsLevel";
    private static final String SENT_AT = "stairsSentAt";

    private final String label;
    private final String verdictName;
    private final int levels;
    private final Duration levelDuration;
    private final double minGoodRate;
    private final int p99Ms;
    private final double maxErrorPct;
    private final CapacityStairs stairs;
    private final OpenInjectionStep injection;

    /**
     * A level is good with p99 &le; {@code p99Ms} (property, default 250 ms) and failed requests &le;
     * {@code maxErrorPct} % (property, default 0.1): issue 5, "until p99 passes 250 ms or errors pass 0.1 %".
     *
     * @param label         console label and scenario name ({@code capacity}, {@code hot})
     * @param verdictName   request name of the verdict
     * @param startRate     requests/s of the first level
     * @param step          requests/s added per level, &gt; 0
     * @param levels        number of levels
     * @param levelDuration length of each level, whole seconds
     * @param minGoodRate   the verdict needs a good level at or above this rate, requests/s
     */
    StairsLoad(String label, String verdictName, double startRate, double step, int levels, Duration levelDuration,
               double minGoodRate) {
        if (step <= 0) {
            throw new IllegalArgumentException("step must be > 0, got " + step);
        }
        this.label = label;
        this.verdictName = verdictName;
        this.levels = levels;
        this.levelDuration = levelDuration;
        this.minGoodRate = minGoodRate;
        this.p99Ms = PerfConfig.integer("p99Ms", 250);
        this.maxErrorPct = PerfConfig.decimal("maxErrorPct", 0.1);
        // response times are kept up to Gatling's request timeout: a longer request is a KO anyway
        int requestTimeoutMs = PerfConfig.integer("gatling.http.requestTimeout", 10_000);
        this.stairs = new CapacityStairs(startRate, step, levels, levelDuration, p99Ms, maxErrorPct, requestTimeoutMs, System::nanoTime);
        this.injection = incrementUsersPerSec(step).times(levels).eachLevelLasting(levelDuration).startingFrom(startRate);
    }

    /**
     * The stairs population: each arriving user first checks whether the stairs must stop, then runs
     * {@code request} (one request, timed into its level). {@code otherVerdicts} (verdict requests of the
     * simulation's own, {@link LedgerRequests#verdict}) run with the stairs' verdict, whichever way the stairs end.
     */
    PopulationBuilder population(ChainBuilder request, List<HttpRequestActionBuilder> otherVerdicts) {
        ChainBuilder verdicts = exec(LedgerRequests.verdict(verdictName, this::verdictProblem));
        for (HttpRequestActionBuilder verdict : otherVerdicts) {
            verdicts = verdicts.exec(verdict);
        }
        ChainBuilder iteration = doIf(session -> stairs.claimStop())
                .then(exec(verdicts).stopLoadGenerator(session -> label + " stairs stopped: "
                        + stairs.firstBad().map(CapacityStairs.Level::describe).orElse("?")))
                .exec(session -> session.set(LEVEL, stairs.start()).set(SENT_AT, stairs.now()))
                .exec(request)
                .exec(this::record);
        return scenario(label).exec(iteration)
                .injectOpen(injection)
                .andThen(scenario(label + "-verdict").exec(verdicts).injectOpen(atOnceUsers(1)));
    }

    /** The verdict request had no failure. */
    Assertion assertion() {
        return details(verdictName).failedRequests().count().is(0L);
    }

    /** Hard stop: every level plus time for the last requests to time out. */
    Duration maxDuration() {
        return levelDuration.multipliedBy(levels).plus(Duration.ofSeconds(30));
    }

    /** The per-level lines and the summary line, for the console (perf/run reads them). */
    void print() {
        for (CapacityStairs.Level level : stairs.results()) {
            System.out.println("[perf] " + label + " " + level.describe());
        }
        System.out.println("[perf] " + label + " " + stairs.summary());
        System.out.flush();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d levels of %d s from %.1f to %.1f requests/s; a level is good with p99 <= %d ms and errors <= %s %%; "
                        + "asserts a good level >= %.1f/s", levels, levelDuration.toSeconds(), stairs.rate(0), stairs.rate(levels - 1),
                p99Ms, maxErrorPct, minGoodRate);
    }

    private Session record(Session session) {
        stairs.finish(session.getInt(LEVEL), session.getLong(SENT_AT), !session.isFailed());
        return session;
    }

    /** null when a good level at or above minGoodRate exists, otherwise why not. */
    private String verdictProblem() {
        var good = stairs.lastGood();
        if (good.isPresent() && good.get().rate() >= minGoodRate - 1e-9) {
            return null;
        }
        return String.format(Locale.ROOT, "no good level at or above %.1f/s (last good: %s; first bad: %s)", minGoodRate,
                good.map(CapacityStairs.Level::describe).orElse("none"),
                stairs.firstBad().map(CapacityStairs.Level::describe).orElse("none"));
    }
}
