package dev.polyledger.perf;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;

import java.time.Duration;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * How load is offered, from properties:
 * <ul>
 *   <li>closed (default): {@code clients} virtual users, each looping over the iteration for
 *       {@code duration} seconds on its own keep-alive connection — {@code constantConcurrentUsers}.</li>
 *   <li>open: when {@code arrivalRate} (users/s) is set, {@code constantUsersPerSec(arrivalRate)}
 *       during {@code duration}; each arriving user runs the iteration once. Connections are
 *       shared between users by default ({@code shareConnections}, default true in open mode)
 *       so high rates do not exhaust ephemeral ports with TIME_WAIT sockets.</li>
 * </ul>
 */
public record LoadModel(int clients, Double arrivalRate, Duration duration, boolean shareConnections) {

    /** {@code clients}, {@code duration}, {@code arrivalRate}, {@code shareConnections}. */
    public static LoadModel fromProperties(int defaultClients, long defaultDurationSeconds) {
        Double rate = PerfConfig.isSet("arrivalRate") ? PerfConfig.decimal("arrivalRate", 0) : null;
        if (rate != null && rate <= 0) {
            throw new IllegalArgumentException("arrivalRate must be > 0, got " + rate);
        }
        int clients = PerfConfig.integer("clients", defaultClients);
        if (rate == null && clients < 1) {
            throw new IllegalArgumentException("clients must be >= 1, got " + clients);
        }
        Duration duration = PerfConfig.seconds("duration", defaultDurationSeconds);
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("duration must be > 0 s, got " + duration);
        }
        return new LoadModel(clients, rate, duration, PerfConfig.bool("shareConnections", rate != null));
    }

    public static LoadModel closed(int clients, Duration duration) {
        return new LoadModel(clients, null, duration, false);
    }

    public boolean open() {
        return arrivalRate != null;
    }

    /** A population running {@code iteration} under this model. */
    public PopulationBuilder population(String name, ChainBuilder iteration) {
        if (open()) {
            return scenario(name).exec(iteration)
                    .injectOpen(constantUsersPerSec(arrivalRate).during(duration));
        }
        return scenario(name).during(duration).on(iteration)
                .injectClosed(constantConcurrentUsers(clients).during(duration));
    }

    /** Hard stop: the load duration plus time for in-flight requests to time out. */
    public Duration maxDuration(Duration slack) {
        return duration.plus(slack);
    }

    @Override
    public String toString() {
        return open()
                ? String.format("open model: %s users/s for %d s (shareConnections=%s)", arrivalRate, duration.toSeconds(), shareConnections)
                : String.format("closed model: %d concurrent users looping for %d s", clients, duration.toSeconds());
    }
}
