package dev.polyledger.notification.application.port.out;

/** Randomness that spreads retries of many deliveries apart ({@code RetrySchedule}'s jitter). */
public interface Jitter {
    /** @return uniform in [0, 1) */
    double fraction();
}
