package dev.polyledger.perf;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.CoreDsl;

import java.util.List;

/**
 * What a simulation's run must meet, as Gatling assertions (a breached one fails the Maven command):
 * failed requests &lt; {@code maxFailedPct} % (default 0.1 %, issue 5: "failed requests &lt; 0.1 %") and the
 * 99th percentile response time of all requests, OK and KO, &le; {@code p99Ms} milliseconds (Gatling's
 * percentiles are whole milliseconds, so "&le; 100 ms" is {@code lte(100)}).
 *
 * @param maxFailedPct failed requests, percent of all requests, strictly below
 * @param p99Ms        99th percentile response time, ms, at most
 */
public record SuccessCriteria(double maxFailedPct, int p99Ms) {

    /** {@code maxFailedPct} (0.1) and {@code p99Ms} ({@code defaultP99Ms}) from properties. */
    public static SuccessCriteria fromProperties(int defaultP99Ms) {
        double maxFailedPct = PerfConfig.decimal("maxFailedPct", 0.1);
        int p99Ms = PerfConfig.integer("p99Ms", defaultP99Ms);
        if (maxFailedPct < 0 || p99Ms < 1) {
            throw new IllegalArgumentException("need maxFailedPct >= 0 and p99Ms >= 1, got " + maxFailedPct + ", " + p99Ms);
        }
        return new SuccessCriteria(maxFailedPct, p99Ms);
    }

    /** Over all requests of the run. */
    public List<Assertion> overAll() {
        return List.of(
                CoreDsl.global().failedRequests().percent().lt(maxFailedPct),
                CoreDsl.global().responseTime().percentile(99.0).lte(p99Ms));
    }

    /** Over the requests named {@code requestName} only (the run has others, e.g. a verdict). */
    public List<Assertion> overRequest(String requestName) {
        return List.of(
                CoreDsl.details(requestName).failedRequests().percent().lt(maxFailedPct),
                CoreDsl.details(requestName).responseTime().percentile(99.0).lte(p99Ms));
    }

    @Override
    public String toString() {
        return String.format("failed < %s %%, p99 <= %d ms", maxFailedPct, p99Ms);
    }
}
