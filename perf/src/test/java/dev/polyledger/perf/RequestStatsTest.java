package dev.polyledger.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link RequestStats} and {@link FailedRequestLog}: figures of known response times, and the JSON's shape. */
class RequestStatsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode tree(RequestStats stats) throws Exception {
        return JSON.readTree(stats.json("TestSimulation"));
    }

    @Test
    void percentilesOfOneToHundredMillisecondsAreNearestRank() throws Exception {
        var stats = new RequestStats();
        for (int ms = 100; ms >= 1; ms--) {
            stats.record("uniform: transfer", ms, true);
        }

        JsonNode row = tree(stats).get("requests").get("uniform: transfer");
        assertEquals(100, row.get("total").asLong());
        assertEquals(100, row.get("ok").asLong());
        assertEquals(0, row.get("ko").asLong());
        assertEquals(0.0, row.get("ko_pct").asDouble());
        assertEquals(50, row.get("p50").asLong());
        assertEquals(75, row.get("p75").asLong());
        assertEquals(95, row.get("p95").asLong());
        assertEquals(99, row.get("p99").asLong());
        assertEquals(100, row.get("max").asLong());
        assertEquals(51, row.get("mean").asLong()); // 50.5, rounded as Gatling rounds its mean
    }

    @Test
    void timesAreExactToTheMillisecondUpToTheRequestTimeoutAndBeyond() throws Exception {
        var stats = new RequestStats();
        List<Long> values = new ArrayList<>();
        for (long ms : new long[] {0, 1, 2047, 2049, 4193, 9_999, 10_001, 19_999}) {
            values.add(ms);
            stats.record("t", ms, true);
        }
        stats.record("t", -3, false); // a clock step backwards: 0, not an error

        JsonNode row = tree(stats).get("requests").get("t");
        assertEquals(19_999, row.get("max").asLong());
        assertEquals(19_999, row.get("p99").asLong());
        assertEquals(2049, row.get("p50").asLong()); // 9 values: the 5th smallest of 0, 0, 1, 2047, 2049, ...
        assertEquals(9, row.get("total").asLong());
    }

    @Test
    void jsonHasOneObjectPerRequestNameThenAllRequestsAndTheErrorsMostFrequentFirst() throws Exception {
        var stats = new RequestStats();
        for (int i = 0; i < 6; i++) {
            stats.record("mixed: transfer", 10, i < 3);
        }
        for (int i = 0; i < 4; i++) {
            stats.record("mixed: get account", 2, true);
        }
        stats.error("mixed: transfer", "status.find.is(201), but actually found 503");
        stats.error("mixed: transfer", "status.find.is(201), but actually found 503");
        stats.error("mixed: transfer", "Request timeout to localhost/127.0.0.1:8080 after 10000 ms");
        stats.error("capacity: verdict", "bodyString.find.transformOption.is(passed), but actually found x"); // never recorded

        JsonNode json = tree(stats);
        assertEquals("TestSimulation", json.get("simulation").asText());
        List<String> names = new ArrayList<>();
        json.get("requests").fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("mixed: get account", "mixed: transfer", RequestStats.ALL), names);
        for (String key : List.of("total", "ok", "ko", "ko_pct", "p50", "p75", "p95", "p99", "max", "mean")) {
            assertTrue(json.get("requests").get(RequestStats.ALL).has(key), key);
        }

        JsonNode all = json.get("requests").get(RequestStats.ALL);
        assertEquals(10, all.get("total").asLong());
        assertEquals(7, all.get("ok").asLong());
        assertEquals(3, all.get("ko").asLong());
        assertEquals(30.0, all.get("ko_pct").asDouble());
        assertEquals(50.0, json.get("requests").get("mixed: transfer").get("ko_pct").asDouble());

        JsonNode errors = json.get("errors");
        assertEquals(2, errors.size());
        assertEquals("status.find.is(201), but actually found 503", errors.get(0).get("message").asText());
        assertEquals(2, errors.get(0).get("count").asLong());
        assertEquals("Request timeout to localhost/127.0.0.1:8080 after 10000 ms", errors.get(1).get("message").asText());
        assertEquals(1, errors.get(1).get("count").asLong());
    }

    @Test
    void failuresWithoutAMessageStillCountInTheErrors() throws Exception {
        var stats = new RequestStats();
        for (int i = 0; i < 3; i++) {
            stats.record("replay: transfer", 5, false);
        }
        stats.error("replay: transfer", "header(Idempotent-Replayed).find.is(true), but actually found nothing");

        JsonNode errors = tree(stats).get("errors");
        assertEquals(2, errors.size());
        assertEquals(RequestStats.NO_MESSAGE, errors.get(0).get("message").asText());
        assertEquals(2, errors.get(0).get("count").asLong());
        assertEquals(1, errors.get(1).get("count").asLong());
    }

    @Test
    void noRequestAtAllGivesAnAllRequestsRowWithoutTimes() throws Exception {
        JsonNode all = tree(new RequestStats()).get("requests").get(RequestStats.ALL);
        assertEquals(0, all.get("total").asLong());
        assertEquals(0.0, all.get("ko_pct").asDouble());
        assertTrue(all.get("p99").isNull());
        assertTrue(all.get("mean").isNull());
    }

    @Test
    void koPercentHasTwoDecimals() throws Exception {
        var stats = new RequestStats();
        for (int i = 0; i < 3000; i++) {
            stats.record("t", 1, i != 0);
        }
        assertEquals(0.03, tree(stats).get("requests").get("t").get("ko_pct").asDouble());
    }

    @Test
    void writesTheFileCreatingItsDirectory(@TempDir Path dir) throws Exception {
        var stats = new RequestStats();
        stats.record("uniform: transfer", 7, true);
        Path file = dir.resolve("run/uniform-stats.json");
        stats.write(file, "UniformTransfersSimulation");

        JsonNode json = JSON.readTree(file.toFile());
        assertEquals("UniformTransfersSimulation", json.get("simulation").asText());
        assertEquals(7, json.get("requests").get("uniform: transfer").get("p50").asLong());
    }

    @Test
    void failedRequestLogReadsGatlingsLineAndIgnoresTheDump() throws Exception {
        var stats = new RequestStats();
        stats.record("uniform: transfer", 12, false);

        assertTrue(FailedRequestLog.accept(stats,
                "Request 'uniform: transfer' failed for user 42: status.find.is(201), but actually found 500"));
        assertFalse(FailedRequestLog.accept(stats, "\n>>>>>>>>>>>>>>>>>>>>>>>>>>\nRequest:\nuniform: transfer: KO status..."));
        assertFalse(FailedRequestLog.accept(stats, "Request 'uniform: transfer' failed for user 43: "));

        JsonNode errors = tree(stats).get("errors");
        assertEquals(1, errors.size());
        assertEquals("status.find.is(201), but actually found 500", errors.get(0).get("message").asText());
    }
}
