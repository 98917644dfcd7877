package dev.polyledger.ledger.application.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** "Now" at PostgreSQL's precision (microseconds), so a value reads back exactly as it was first rendered. */
final class LedgerTime {
    private LedgerTime() {
    }

    static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
