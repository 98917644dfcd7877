package dev.polyledger.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Response times and outcomes bucketed by the minute of the run in which each request was sent, for a soak:
 * Gatling 3.15's own statistics cover the whole run and its {@code simulation.log} is binary, so the soak keeps
 * its own per-minute figures and writes them as CSV ({@link #write}). Thread-safe; memory is one {@code long}
 * per request (a 30-minute soak at 300/s: 540,000 values, ~4 MB).
 */
final class MinuteStats {

    /** CSV header of {@link #write}: minute from the start (0-based), requests, failed, ok/s, ms percentiles. */
    static final String HEADER = "minute,requests,ko,ok_per_s,p50_ms,p99_ms,max_ms";

    private final LongSupplier nanoClock;
    private volatile long startNanos;
    private final ConcurrentMap<Integer, Bucket> buckets = new ConcurrentHashMap<>();

    MinuteStats(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
    }

    /** Minute 0 starts now (the load's start, after an unmeasured fixture); the constructor's time until then. */
    void start() {
        startNanos = nanoClock.getAsLong();
    }

    /** Now on the recorder's clock, to pass back to {@link #record}. */
    long now() {
        return nanoClock.getAsLong();
    }

    /** One request sent at {@code sentAtNanos} ({@link #now()}) that ended now, failed or not. */
    void record(long sentAtNanos, boolean ok) {
        long end = nanoClock.getAsLong();
        int minute = (int) ((sentAtNanos - startNanos) / 60_000_000_000L);
        buckets.computeIfAbsent(minute, m -> new Bucket()).add((end - sentAtNanos) / 1_000_000L, ok);
    }

    /** One CSV line per minute that saw a request, in order. */
    List<String> lines() {
        var lines = new ArrayList<String>();
        buckets.keySet().stream().sorted().forEach(m -> lines.add(buckets.get(m).line(m)));
        return lines;
    }

    void write(Path csv) throws IOException {
        var content = new ArrayList<String>();
        content.add(HEADER);
        content.addAll(lines());
        Files.write(csv, content);
    }

    private static final class Bucket {
        private long[] millis = new long[1024];
        private int size;
        private int failed;

        synchronized void add(long ms, boolean ok) {
            if (size == millis.length) {
                millis = Arrays.copyOf(millis, size * 2);
            }
            millis[size++] = ms;
            if (!ok) {
                failed++;
            }
        }

        synchronized String line(int minute) {
            long[] sorted = Arrays.copyOf(millis, size);
            Arrays.sort(sorted);
            return String.format(Locale.ROOT, "%d,%d,%d,%.1f,%d,%d,%d", minute, size, failed, (size - failed) / 60.0,
                    percentile(sorted, 50), percentile(sorted, 99), size == 0 ? 0 : sorted[size - 1]);
        }

        /** Nearest-rank percentile, as Gatling computes its own. */
        private static long percentile(long[] sorted, int p) {
            if (sorted.length == 0) {
                return 0;
            }
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, rank - 1)];
        }
    }
}
