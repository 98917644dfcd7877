package dev.polyledger.platform.http.auth.it;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The Clock every service provides, for the test application. */
@Factory
class TestClockFactory {

    @Singleton
    @Requires(missingBeans = Clock.class)
    Clock authTestClock() {
        return Clock.systemUTC();
    }
}
