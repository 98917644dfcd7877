package dev.polyledger.notification.domain;

import java.time.Duration;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again (Standard Webhooks / Svix spirit): the first attempt is immediate, and
 * after failed attempt {@code n} (1-based) the next one comes {@code delays[n-1]} later, plus up to 20% jitter, or
 * after the endpoint's {@code Retry-After} when that is longer. After {@link #maxAttempts()} = delays + 1 failed
 * attempts the delivery is dead-lettered.
 *
 * @param delays the waits between attempts, each > 0; may be empty (one attempt only)
 */
public record RetrySchedule(List<Duration> delays) {
    private static final double MAX_JITTER = 0.2;

    public RetrySchedule {
        delays = List.copyOf(delays);
        for (Duration delay : delays) {
            if (delay.isNegative() || delay.isZero()) {
                throw new IllegalArgumentException("retry delays must be > 0, got " + delay);
            }
        }
    }

    /** Attempts in all, the first included. */
    public int maxAttempts() {
        return delays.size() + 1;
    }

    /**
     * The wait before the next attempt after {@code failedAttempts} failed ones, or null when there is none left.
     *
     * @param failedAttempts attempts made so far, all failed, >= 1
     * @param retryAfter     the endpoint's {@code Retry-After}, or null
     * @param random         uniform in [0, 1): the jitter
     */
    public Duration nextDelay(int failedAttempts, Duration retryAfter, DoubleSupplier random) {
        if (failedAttempts < 1 || failedAttempts >= maxAttempts()) {
            return null;
        }
        Duration base = delays.get(failedAttempts - 1);
        long jitterMillis = (long) (base.toMillis() * MAX_JITTER * random.getAsDouble());
        Duration delay = base.plusMillis(jitterMillis);
        return retryAfter != null && retryAfter.compareTo(delay) > 0 ? retryAfter : delay;
    }
}
