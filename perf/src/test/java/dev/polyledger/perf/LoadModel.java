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
 *   <li>open (default): {@code constantUsersPerSec(arrivalRate)} during {@code duration} seconds; each
 *       arriving user runs the iteration once, whether or not the earlier ones got their answer (an
 *       open model: a slow API meets a growing queue instead of a slower client, as with real traffic).
 *       Connections are shared between users ({@code shareConnections}, default true in open mode) so
 *       high rates do not exhaust ephemeral ports with TIME_WAIT sockets.</li>
 *   <li>closed: when {@code clients} is set and {@code arrivalRate} is not, {@code clients} virtual users,
 *       each looping over the iteration for {@code duration} seconds on its own keep-alive connection —
 *       {@code constantConcurrentUsers}.</li>
 * </ul>
 *
 * @param clients          closed model: concurrent users (0 in the open model)
 * @param arrivalRate      open model: users (one iteration each) per second; null in the closed model
 * @param duration         how long load is offered
 * @param shareConnections one connection pool for all virtual users
 */
public record LoadModel(int clients, Double arrivalRate, Duration duration, boolean shareConnections) {

    /**
     * {@code arrivalRate} (users/s, default {@code defaultRate}), {@code duration} (s), {@code shareConnections};
     * or the closed model when only {@code clients} is given.
     */
    public static LoadModel fromProperties(double defaultRate, long defaultDurationSeconds) {
        Duration duration = PerfConfig.seconds("duration", defaultDurationSeconds);
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("duration must be > 0 s, got " + duration);
        }
        if (PerfConfig.isSet("clients") && !PerfConfig.isSet("arrivalRate")) {
            int clients = PerfConfig.integer("clients", 0);
            if (clients < 1) {
                throw new IllegalArgumentException("clients must be >= 1, got " + clients);
            }
            return new LoadModel(clients, null, duration, PerfConfig.bool("shareConnections", false));
        }
        double rate = PerfConfig.decimal("arrivalRate", defaultRate);
        if (rate <= 0) {
            throw new IllegalArgumentException("arrivalRate must be > 0, got " + rate);
        }
        return new LoadModel(0, rate, duration, PerfConfig.bool("shareConnections", true));
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
