package dev.polyledger.platform.http.auth.domain;

/**
 * A key's own rate limit, set at its creation: a token bucket refilled with {@code perSecond} requests per second
 * and holding at most {@code burst}. Keys without one get the platform default (500/s, burst 1,000).
 *
 * @param perSecond requests per second, 1 to {@value #MAX}
 * @param burst     bucket capacity in requests, 1 to {@value #MAX}
 * @throws IllegalArgumentException when a value is out of range
 */
public record KeyRateLimit(int perSecond, int burst) {
    public static final int MAX = 1_000_000;

    public KeyRateLimit {
        if (perSecond < 1 || perSecond > MAX) {
            throw new IllegalArgumentException("perSecond must be 1.." + MAX);
        }
        if (burst < 1 || burst > MAX) {
            throw new IllegalArgumentException("burst must be 1.." + MAX);
        }
    }
}
