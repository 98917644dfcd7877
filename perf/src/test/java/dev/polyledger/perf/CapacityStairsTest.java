package dev.polyledger.perf;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link CapacityStairs} on a hand-driven clock: levels of 10 s, a good level has p99 <= 250 ms and errors <= 0.1 %. */
class CapacityStairsTest {

    private static final long MS = 1_000_000L;

    private final AtomicLong clock = new AtomicLong(1_000 * MS);
    private final CapacityStairs stairs = new CapacityStairs(20, 20, 5, Duration.ofSeconds(10), 250, 0.1, 10_000, clock::get);

    /** {@code n} requests sent at the current time, each answered after {@code millis}, OK or not. */
    private void requests(int n, long millis, boolean ok) {
        for (int i = 0; i < n; i++) {
            long sentAt = clock.get();
            int level = stairs.start();
            clock.addAndGet(millis * MS);
            stairs.finish(level, sentAt, ok);
            clock.addAndGet(-millis * MS);
        }
    }

    /** Levels 1 and 2 at their full rates (20/s, 40/s for 10 s), answered in 10 ms; the clock then at 10 s. */
    private void twoGoodLevels() {
        requests(200, 10, true);
        at(10);
        requests(400, 10, true);
    }

    private void at(long secondsFromStart) {
        clock.set(1_000 * MS + secondsFromStart * 1_000 * MS);
    }

    @Test
    void ratesGrowByStepPerLevel() {
        assertEquals(20.0, stairs.rate(0));
        assertEquals(100.0, stairs.rate(4));
    }

    @Test
    void aRequestBelongsToTheLevelItWasSentIn() {
        requests(100, 10, true);   // level 1 (starts the clock)
        at(15);
        requests(200, 10, true);   // level 2
        var results = stairs.results();
        assertEquals(2, results.size(), "levels without requests are not listed");
        assertEquals(100, results.get(0).requests());
        assertEquals(200, results.get(1).requests());
        at(999);
        assertEquals(4, stairs.start(), "after the last level: counted in the last one");
    }

    @Test
    void p99IsTheNearestRankOverAllRequestsOfTheLevel() {
        requests(99, 20, true);
        requests(1, 900, true);    // 1 % slow: p99 is still the 99th value
        var level = stairs.results().get(0);
        assertEquals(20, level.p99Ms());
        assertEquals(CapacityStairs.Verdict.GOOD, level.verdict());

        requests(1, 900, true);    // 2 of 101 slow: rank ceil(0.99 × 101) = 100 is slow
        assertEquals(900, stairs.results().get(0).p99Ms());
        assertEquals(CapacityStairs.Verdict.P99_TOO_HIGH, stairs.results().get(0).verdict());
    }

    @Test
    void moreThanATenthOfAPercentFailedIsNotGood() {
        requests(1000, 10, true);
        requests(1, 10, false);    // 1 of 1001: 0.0999 %
        assertTrue(stairs.results().get(0).good());
        requests(1, 10, false);    // 2 of 1002: 0.1996 %
        assertEquals(CapacityStairs.Verdict.TOO_MANY_ERRORS, stairs.results().get(0).verdict());
    }

    @Test
    void lastGoodIsTheLevelBeforeTheFirstBadOne() {
        twoGoodLevels();
        at(20);
        requests(600, 400, true);  // level 3: p99 400 ms
        at(30);
        requests(800, 10, true);   // level 4 good again: does not count after a bad one
        assertEquals(40.0, stairs.lastGood().orElseThrow().rate());
        assertEquals(60.0, stairs.firstBad().orElseThrow().rate());
        assertEquals("last_good_rate=40.0 throughput=40.0 p99_ms=10 errors_pct=0.000 first_bad_rate=60.0 reason=P99_TOO_HIGH levels_run=4",
                stairs.summary());
    }

    @Test
    void noGoodLevelWhenTheFirstFails() {
        requests(100, 10, false);
        assertTrue(stairs.lastGood().isEmpty());
        assertTrue(stairs.summary().startsWith("last_good_rate=none "), stairs.summary());
    }

    @Test
    void unansweredRequestsCountAsSlowerThanAnyAnswer() {
        requests(90, 10, true);
        for (int i = 0; i < 10; i++) {
            stairs.start();        // never answered
        }
        var level = stairs.results().get(0);
        assertEquals(10, level.pending());
        assertEquals(CapacityStairs.Verdict.P99_TOO_HIGH, level.verdict());
        assertTrue(level.describe().contains("p99_ms=timeout"), level.describe());
    }

    @Test
    void stopIsClaimedOnceALevelEndedP99MsAgoAndCannotBeGood() {
        requests(200, 10, true);
        at(10);
        for (int i = 0; i < 50; i++) {
            stairs.start();        // level 2: a quarter of it stuck
        }
        requests(150, 10, true);
        at(19);
        assertFalse(stairs.claimStop(), "level 2 has not ended yet");
        clock.set(1_000 * MS + 20_000 * MS + 200 * MS);
        assertFalse(stairs.claimStop(), "level 2 ended less than p99Ms ago");
        clock.set(1_000 * MS + 20_000 * MS + 251 * MS);
        assertTrue(stairs.claimStop());
        assertFalse(stairs.claimStop(), "claimed only once");
    }

    @Test
    void goodLevelsClaimNoStop() {
        twoGoodLevels();
        at(25);
        assertFalse(stairs.claimStop());
    }
}
