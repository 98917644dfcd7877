package dev.polyledger.audit.config;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires the application's plain-Java needs to the platform. */
@Factory
class AuditFactory {

    /** UTC wall clock: the {@code receivedAt} of snapshots. */
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
