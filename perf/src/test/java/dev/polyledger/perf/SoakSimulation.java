package dev.polyledger.perf;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

import static io.gatling.javaapi.core.CoreDsl.exec;

/**
 * The soak (issue 13): {@link UniformTransfersSimulation}'s transfers at a constant arrival rate for a long time
 * (open model; properties {@code arrivalRate}, {@code duration}, as {@link LoadModel}), with every response time
 * also bucketed by minute ({@link MinuteStats}) and written to the CSV file of the property {@code soakCsv}
 * (default {@code target/soak-minutes.csv}) after the run. perf/soak joins it with its database and memory samples.
 *
 * <p>Asserts nothing about latency (a soak is judged by its trend, first minutes against last, which perf/soak
 * computes); Gatling's assertion is only that failed requests stay under {@code maxFailedPct} % (default 1).
 */
public class SoakSimulation extends LedgerSimulation {

    static final String REQUEST = "soak: transfer";
    private static final String SENT_AT = "soakSentAt";
    private final MinuteStats minutes = new MinuteStats(System::nanoTime);
    private final Path csv = Path.of(PerfConfig.string("soakCsv", "target/soak-minutes.csv"));

    public SoakSimulation() {
        LoadModel load = LoadModel.fromProperties(50, 600);
        double maxFailedPct = PerfConfig.decimal("maxFailedPct", 1.0);
        System.out.printf("[perf] SoakSimulation: %s, %,d accounts; per-minute figures to %s%n", load, accountCount(), csv);

        ChainBuilder timed = exec(session -> session.set(SENT_AT, minutes.now()))
                .exec(transferStep(REQUEST, uniformPairs()))
                .exec(this::record);
        setUp(load.population("soak-transfers", timed))
                .protocols(httpProtocol(load.shareConnections()))
                .assertions(io.gatling.javaapi.core.CoreDsl.global().failedRequests().percent().lt(maxFailedPct))
                .maxDuration(load.maxDuration(Duration.ofSeconds(30)));
    }

    private Session record(Session session) {
        minutes.record(session.getLong(SENT_AT), !session.isFailed());
        return session;
    }

    @Override
    public void before() {
        super.before(); // the fixture, not measured
        minutes.start();
    }

    @Override
    public void after() {
        super.after();
        try {
            minutes.write(csv.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("[perf] soak minutes written to " + csv.toAbsolutePath());
        System.out.flush();
    }
}
