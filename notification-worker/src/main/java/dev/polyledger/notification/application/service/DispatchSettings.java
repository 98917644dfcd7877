package dev.polyledger.notification.application.service;

import dev.polyledger.notification.domain.RetrySchedule;
import java.time.Duration;

/**
 * How the dispatcher sends.
 *
 * @param schedule                   waits between attempts ({@code notification.retry.schedule})
 * @param timeout                    of one attempt, connection included ({@code notification.delivery.timeout}, 5 s)
 * @param maxInFlightPerSubscription attempts under way to one subscription at most (4)
 * @param maxInFlight                attempts under way in this worker at most (64)
 */
public record DispatchSettings(RetrySchedule schedule, Duration timeout, int maxInFlightPerSubscription,
                               int maxInFlight) {
    public DispatchSettings {
        if (maxInFlightPerSubscription < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("in-flight limits must be >= 1");
        }
    }
}
