package dev.polyledger.platform.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that stands still until a test moves it: the {@link Clock} the services inject, for unit tests of time
 * (leases, retention, retries) without sleeping. Safe to read from other threads than the one moving it.
 */
public final class MutableClock extends Clock {
    private volatile Instant now;

    private MutableClock(Instant start) {
        this.now = start;
    }

    public static MutableClock at(Instant start) {
        return new MutableClock(start);
    }

    /** @param isoInstant e.g. {@code 2026-11-21T19:55:37Z} */
    public static MutableClock at(String isoInstant) {
        return at(Instant.parse(isoInstant));
    }

    public void set(Instant instant) {
        now = instant;
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** @throws UnsupportedOperationException for any zone but UTC: the platform runs in UTC */
    @Override
    public Clock withZone(ZoneId zone) {
        if (!ZoneOffset.UTC.equals(zone)) {
            throw new UnsupportedOperationException("the platform runs in UTC");
        }
        return this;
    }
}
