package dev.polyledger.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link MinuteStats}: per-minute buckets on a fake clock. */
class MinuteStatsTest {
    private static final long MINUTE = 60_000_000_000L;
    private static final long MS = 1_000_000L;

    @Test
    void bucketsRequestsByTheMinuteTheyWereSentIn() {
        var clock = new AtomicLong(0);
        var stats = new MinuteStats(clock::get);
        for (int i = 1; i <= 61; i++) {
            long sent = clock.get();
            clock.addAndGet(i * MS);
            stats.record(sent, i != 61);
        }
        clock.set(MINUTE + 5 * MS);
        long sent = stats.now();
        clock.addAndGet(7 * MS);
        stats.record(sent, true);

        assertEquals(List.of("0,61,1,1.0,31,61,61", "1,1,0,0.0,7,7,7"), stats.lines());
    }

    @Test
    void minuteZeroStartsWhenTheLoadStarts() {
        var clock = new AtomicLong(0);
        var stats = new MinuteStats(clock::get);
        clock.set(5 * MINUTE); // the fixture took five minutes
        stats.start();
        long sent = stats.now();
        clock.addAndGet(3 * MS);
        stats.record(sent, true);

        assertEquals(List.of("0,1,0,0.0,3,3,3"), stats.lines());
    }

    @Test
    void aRequestThatEndsInTheNextMinuteCountsForTheMinuteItWasSent() {
        var clock = new AtomicLong(0);
        var stats = new MinuteStats(clock::get);
        clock.set(MINUTE - MS);
        long sent = stats.now();
        clock.set(MINUTE + 2_000 * MS);
        stats.record(sent, true);

        assertEquals(List.of("0,1,0,0.0,2001,2001,2001"), stats.lines());
    }
}
