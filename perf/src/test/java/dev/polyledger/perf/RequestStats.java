package dev.polyledger.perf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The figures of a run per request name, as Gatling's report shows them (total, OK, KO, % KO, response time
 * percentiles, max, mean, error messages), written as JSON for scripts ({@link #write}): Gatling 3.15 writes no
 * {@code stats.json} and its {@code simulation.log} is binary, so the simulations keep their own
 * ({@link LedgerSimulation} records each measured request, {@link FailedRequestLog} hands over Gatling's error
 * messages). Thread-safe.
 *
 * <p>Response times are whole milliseconds, as Gatling's. Each name has an HdrHistogram exact to the millisecond up
 * to {@value #EXACT_UP_TO_MS} ms (beyond Gatling's request timeout); percentiles are nearest-rank (the smallest
 * recorded value with at least p % of the values at or below it). Counts, max and mean are those of Gatling's report;
 * its percentiles interpolate a t-digest and differ from these where the tail is sparse (a p99 over a few hundred
 * requests rests on the three slowest: tens of ms apart in a short run).
 */
final class RequestStats {

    /** Name of the row over every recorded request, as in Gatling's report. */
    static final String ALL = "All Requests";
    /** Message counted for a failed request whose error message never reached {@link #error}. */
    static final String NO_MESSAGE = "failed, no error message captured (see the Gatling log)";
    /** Response times up to this are kept exactly (ms): 4 significant digits; above, within 0.01 %. */
    static final long EXACT_UP_TO_MS = 20_000;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Entry all = new Entry();
    /** Error message counts per request name; a request's error may arrive before its first {@link #record}. */
    private final ConcurrentMap<String, ConcurrentMap<String, Long>> errors = new ConcurrentHashMap<>();

    /**
     * One request named {@code name} that ended, OK or failed.
     *
     * @param name       Gatling's request name
     * @param responseMs its response time, ms (negative values count as 0)
     * @param ok         false for a failed request (KO)
     */
    void record(String name, long responseMs, boolean ok) {
        long ms = Math.max(0, responseMs);
        entries.computeIfAbsent(name, n -> new Entry()).add(ms, ok);
        all.add(ms, ok);
    }

    /** Gatling's error message of one failed request named {@code name} (counted once per call). */
    void error(String name, String message) {
        errors.computeIfAbsent(name, n -> new ConcurrentHashMap<>()).merge(message, 1L, Long::sum);
    }

    /**
     * The figures as a JSON tree: {@code simulation}; {@code requests}, one object per recorded request name (sorted)
     * then {@value #ALL}, each with {@code total ok ko ko_pct p50 p75 p95 p99 max mean} (times in ms, {@code ko_pct}
     * in percent to two decimals; the times are null when there is no request); {@code errors}, the error messages of
     * the recorded names' failed requests, {@code [{"message", "count"}]}, most frequent first. Failed requests whose
     * message never came count under {@value #NO_MESSAGE}, so the counts of {@code errors} add up to All Requests' KO.
     */
    Map<String, Object> toTree(String simulation) {
        var requests = new LinkedHashMap<String, Object>();
        new TreeMap<>(entries).forEach((name, entry) -> requests.put(name, entry.figures()));
        requests.put(ALL, all.figures());

        var counts = new LinkedHashMap<String, Long>();
        entries.forEach((name, entry) -> {
            long ko = entry.ko();
            long withMessage = 0;
            for (var e : errors.getOrDefault(name, new ConcurrentHashMap<>()).entrySet()) {
                counts.merge(e.getKey(), e.getValue(), Long::sum);
                withMessage += e.getValue();
            }
            if (ko > withMessage) {
                counts.merge(NO_MESSAGE, ko - withMessage, Long::sum);
            }
        });
        List<Map<String, Object>> errorList = new ArrayList<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> {
                    var error = new LinkedHashMap<String, Object>();
                    error.put("message", e.getKey());
                    error.put("count", e.getValue());
                    errorList.add(error);
                });

        var tree = new LinkedHashMap<String, Object>();
        tree.put("simulation", simulation);
        tree.put("requests", requests);
        tree.put("errors", errorList);
        return tree;
    }

    /** {@link #toTree} as indented JSON. */
    String json(String simulation) {
        try {
            return JSON.writeValueAsString(toTree(simulation));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the request statistics as JSON", e);
        }
    }

    /** Writes {@link #json} to {@code file} (UTF-8), creating its directory if needed. */
    void write(Path file, String simulation) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Files.writeString(file, json(simulation) + System.lineSeparator());
    }

    /** The figures of one request name (or of all): a histogram plus exact counts, sum and max. */
    private static final class Entry {
        /** Grows with the largest value recorded; values up to {@link #EXACT_UP_TO_MS} keep their own bucket. */
        private final Histogram histogram = new Histogram(4);
        private long ok;
        private long ko;
        private long sumMs;
        private long maxMs;

        synchronized void add(long ms, boolean success) {
            histogram.recordValue(ms);
            if (success) {
                ok++;
            } else {
                ko++;
            }
            sumMs += ms;
            maxMs = Math.max(maxMs, ms);
        }

        synchronized long ko() {
            return ko;
        }

        synchronized Map<String, Object> figures() {
            long total = ok + ko;
            var figures = new LinkedHashMap<String, Object>();
            figures.put("total", total);
            figures.put("ok", ok);
            figures.put("ko", ko);
            figures.put("ko_pct", total == 0 ? 0.0 : Math.round(ko * 10_000.0 / total) / 100.0);
            figures.put("p50", total == 0 ? null : histogram.getValueAtPercentile(50));
            figures.put("p75", total == 0 ? null : histogram.getValueAtPercentile(75));
            figures.put("p95", total == 0 ? null : histogram.getValueAtPercentile(95));
            figures.put("p99", total == 0 ? null : histogram.getValueAtPercentile(99));
            figures.put("max", total == 0 ? null : maxMs);
            figures.put("mean", total == 0 ? null : Math.round((double) sumMs / total));
            return figures;
        }
    }
}
