package dev.polyledger.platform.http.ratelimit;

/**
 * How a {@link RateLimiter} has fared lately, for the {@code ratelimit} health indicator.
 */
interface RateLimiterState {

    /** What the limiter is doing now. */
    enum Mode {
        /** The last check reached Redis: limits are enforced. */
        ENFORCING("enforcing"),
        /** The last check could not reach Redis in time: requests are admitted unchecked. */
        FAIL_OPEN("fail-open"),
        /** Limiting is switched off by configuration. */
        DISABLED("disabled");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    Mode mode();

    /** Why the last check failed (an exception class name, never an address or a key), or {@code null}. */
    String lastFailure();

    /** Requests admitted without a check because Redis failed, since this node started. */
    long uncheckedCount();
}
