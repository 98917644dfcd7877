package dev.polyledger.perf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * The per-level statistics of a stairs of arrival rates (Gatling's assertions only see the whole run): which
 * level each request belongs to, its response time and whether it failed, and the verdict of each level.
 * Pure Java, thread-safe, no Gatling: {@link CapacitySimulation} feeds it from its virtual users.
 *
 * <p>Levels: level {@code i} (0-based) offers {@code startRate + i × step} requests/s during
 * {@code levelDuration}, back to back, timed from the first request ({@link #start()}). A request belongs to the
 * level during which it was sent.
 *
 * <p>A level is <em>good</em> when its 99th percentile response time is &le; {@code p99Ms} and its failed
 * requests are &le; {@code maxErrorPct} % of its requests (issue 5: "until p99 passes 250 ms or errors pass
 * 0.1 %"). Percentiles are nearest-rank over whole milliseconds of all the level's requests, OK and KO (as
 * Gatling's); a request still unanswered counts as slower than any answer. The capacity is the rate of the
 * last good level before the first level that is not good.
 *
 * <p>Response times are kept exactly, one counter per millisecond up to {@code maxMillis} (Gatling's request
 * timeout, 10 s: no answer takes longer), in a histogram per level.
 */
public final class CapacityStairs {

    /** Why a level is not good; {@code GOOD} otherwise. */
    public enum Verdict { GOOD, P99_TOO_HIGH, TOO_MANY_ERRORS, NO_REQUESTS }

    /**
     * One level's figures.
     *
     * @param level      0-based index
     * @param rate       offered arrival rate, requests/s
     * @param requests   requests sent during the level
     * @param failed     of them, failed (KO)
     * @param pending    of them, not answered yet
     * @param throughput answered OK per second of the level
     * @param p50Ms      median response time, ms ({@code Integer.MAX_VALUE}: beyond maxMillis or unanswered)
     * @param p99Ms      99th percentile response time, ms (same)
     * @param errorPct   failed ÷ requests, percent
     */
    public record Level(int level, double rate, long requests, long failed, long pending, double throughput,
                        int p50Ms, int p99Ms, double errorPct, Verdict verdict) {

        public boolean good() {
            return verdict == Verdict.GOOD;
        }

        /** One machine-readable line (key=value), perf/run reads these. */
        public String describe() {
            return String.format(Locale.ROOT, "level=%d rate=%.1f requests=%d failed=%d pending=%d throughput=%.1f p50_ms=%s p99_ms=%s errors_pct=%.3f verdict=%s",
                    level + 1, rate, requests, failed, pending, throughput, ms(p50Ms), ms(p99Ms), errorPct, verdict);
        }

        private static String ms(int ms) {
            return ms == Integer.MAX_VALUE ? "timeout" : Integer.toString(ms);
        }
    }

    private final double startRate;
    private final double step;
    private final int levels;
    private final long levelNanos;
    private final int p99LimitMs;
    private final double maxErrorPct;
    private final int maxMillis;
    private final LongSupplier nanoClock;

    private final AtomicLong origin = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLongArray started;
    private final AtomicLongArray failed;
    private final AtomicLongArray answered;
    private final AtomicLongArray slow;
    private final AtomicLongArray[] histograms;
    private final AtomicBoolean stopClaimed = new AtomicBoolean();

    /**
     * @param startRate     requests/s of the first level, &gt; 0
     * @param step          requests/s added per level, &ge; 0
     * @param levels        number of levels, &ge; 1
     * @param levelDuration length of each level, &ge; 1 s
     * @param p99LimitMs    a good level's p99 is at most this, ms
     * @param maxErrorPct   a good level's failed requests are at most this percentage
     * @param maxMillis     longest response time kept exactly (the request timeout), ms
     * @param nanoClock     monotonic clock in nanoseconds ({@code System::nanoTime})
     */
    public CapacityStairs(double startRate, double step, int levels, Duration levelDuration, int p99LimitMs,
                          double maxErrorPct, int maxMillis, LongSupplier nanoClock) {
        if (startRate <= 0 || step < 0 || levels < 1 || levelDuration.toMillis() < 1000 || p99LimitMs < 1
                || maxErrorPct < 0 || maxMillis < p99LimitMs) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "bad stairs: startRate=%s step=%s levels=%d levelDuration=%s p99LimitMs=%d maxErrorPct=%s maxMillis=%d",
                    startRate, step, levels, levelDuration, p99LimitMs, maxErrorPct, maxMillis));
        }
        this.startRate = startRate;
        this.step = step;
        this.levels = levels;
        this.levelNanos = levelDuration.toNanos();
        this.p99LimitMs = p99LimitMs;
        this.maxErrorPct = maxErrorPct;
        this.maxMillis = maxMillis;
        this.nanoClock = nanoClock;
        this.started = new AtomicLongArray(levels);
        this.failed = new AtomicLongArray(levels);
        this.answered = new AtomicLongArray(levels);
        this.slow = new AtomicLongArray(levels);
        this.histograms = new AtomicLongArray[levels];
        for (int i = 0; i < levels; i++) {
            histograms[i] = new AtomicLongArray(maxMillis + 2); // 0..maxMillis, then "longer"
        }
    }

    /** Offered rate of level {@code level} (0-based), requests/s. */
    public double rate(int level) {
        return startRate + level * step;
    }

    public int levels() {
        return levels;
    }

    /** A request is being sent now: counts it and returns its level (the first call starts the clock). */
    public int start() {
        long now = nanoClock.getAsLong();
        origin.compareAndSet(Long.MIN_VALUE, now);
        int level = (int) Math.min(levels - 1, Math.max(0, (now - origin.get()) / levelNanos));
        started.incrementAndGet(level);
        return level;
    }

    /** The request of {@code level} sent at {@code startNanos} ({@link #now()}) got its answer: OK or not. */
    public void finish(int level, long startNanos, boolean ok) {
        long millis = Math.max(0, (nanoClock.getAsLong() - startNanos) / 1_000_000);
        histograms[level].incrementAndGet((int) Math.min(millis, maxMillis + 1L));
        if (millis > p99LimitMs) {
            slow.incrementAndGet(level);
        }
        if (!ok) {
            failed.incrementAndGet(level);
        }
        answered.incrementAndGet(level);
    }

    /** The clock of {@link #finish}, ns. */
    public long now() {
        return nanoClock.getAsLong();
    }

    /**
     * True exactly once: when a level that ended at least {@code p99Ms} ago is already certain not to be good,
     * so the rest of the stairs can be skipped. Certain: its failed requests already exceed maxErrorPct, or its
     * answers slower than p99Ms plus its unanswered requests (all older than p99Ms by then) already exceed 1 %.
     */
    public boolean claimStop() {
        if (stopClaimed.get() || origin.get() == Long.MIN_VALUE) {
            return false;
        }
        long elapsed = nanoClock.getAsLong() - origin.get();
        long settled = elapsed - p99LimitMs * 1_000_000L;
        int judgeable = (int) Math.min(levels, Math.max(0, settled / levelNanos)); // levels ended >= p99Ms ago
        for (int i = 0; i < judgeable; i++) {
            long n = started.get(i);
            if (n == 0) {
                continue;
            }
            long unanswered = n - answered.get(i);
            boolean slowCertain = slow.get(i) + unanswered > n - ceilPercent(n, 99);
            boolean errorsCertain = failed.get(i) * 100.0 > maxErrorPct * n;
            if (slowCertain || errorsCertain) {
                return stopClaimed.compareAndSet(false, true);
            }
        }
        return false;
    }

    /** The levels that had requests, in order, as of now. */
    public List<Level> results() {
        List<Level> out = new ArrayList<>();
        for (int i = 0; i < levels; i++) {
            long n = started.get(i);
            if (n == 0) {
                break;
            }
            long pending = n - answered.get(i);
            long ko = failed.get(i);
            int p50 = percentile(i, 50, pending);
            int p99 = percentile(i, 99, pending);
            double errorPct = 100.0 * ko / n;
            Verdict verdict = p99 > p99LimitMs ? Verdict.P99_TOO_HIGH
                    : errorPct > maxErrorPct ? Verdict.TOO_MANY_ERRORS : Verdict.GOOD;
            double okPerSecond = (answered.get(i) - ko) / (levelNanos / 1e9);
            out.add(new Level(i, rate(i), n, ko, pending, okPerSecond, p50, p99, errorPct, verdict));
        }
        return out;
    }

    /** The last good level before the first one that is not good; empty when the first is not good. */
    public Optional<Level> lastGood() {
        Level last = null;
        for (Level level : results()) {
            if (!level.good()) {
                break;
            }
            last = level;
        }
        return Optional.ofNullable(last);
    }

    /** The first level that is not good, if any. */
    public Optional<Level> firstBad() {
        return results().stream().filter(l -> !l.good()).findFirst();
    }

    /**
     * The verdict of the stairs as one key=value line (perf/run reads it after a {@code [perf] <label>}
     * prefix): {@code last_good_rate=… throughput=… p99_ms=… errors_pct=… first_bad_rate=… reason=… levels_run=…};
     * rates in requests/s, {@code none} where there is no such level; {@code reason=ALL_LEVELS_GOOD} when no level
     * was bad.
     */
    public String summary() {
        Optional<Level> good = lastGood();
        Optional<Level> bad = firstBad();
        return String.format(Locale.ROOT, "last_good_rate=%s throughput=%s p99_ms=%s errors_pct=%s first_bad_rate=%s reason=%s levels_run=%d",
                good.map(l -> fmt(l.rate())).orElse("none"),
                good.map(l -> fmt(l.throughput())).orElse("none"),
                good.map(l -> Level.ms(l.p99Ms())).orElse("none"),
                good.map(l -> String.format(Locale.ROOT, "%.3f", l.errorPct())).orElse("none"),
                bad.map(l -> fmt(l.rate())).orElse("none"),
                bad.map(l -> l.verdict().toString()).orElse("ALL_LEVELS_GOOD"),
                results().size());
    }

    /** Nearest-rank percentile of a level, ms; unanswered requests rank above every answer. */
    private int percentile(int level, int pct, long pending) {
        long n = started.get(level);
        long rank = ceilPercent(n, pct); // 1-based
        AtomicLongArray h = histograms[level];
        long seen = 0;
        for (int ms = 0; ms <= maxMillis; ms++) {
            seen += h.get(ms);
            if (seen >= rank) {
                return ms;
            }
        }
        return Integer.MAX_VALUE; // beyond maxMillis, or among the unanswered
    }

    /** ceil(n × pct / 100) without floating point, at least 1. */
    private static long ceilPercent(long n, int pct) {
        return Math.max(1, (n * pct + 99) / 100);
    }

    private static String fmt(double rate) {
        return String.format(Locale.ROOT, "%.1f", rate);
    }
}
