package dev.polyledger.notification;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.polyledger.platform.testing.HexagonalArchitecture;

/**
 * The platform's one dependency rule of the hexagon ({@link HexagonalArchitecture}), plus what this service's inner
 * layers legitimately need: the domain signs webhooks (Standard Webhooks, HMAC-SHA256) with {@code javax.crypto} and
 * matches subscriptions against the shared {@code EventType}s ({@code dev.polyledger.events}, plain Java); the
 * application logs the deliveries it gives up on through SLF4J.
 */
@AnalyzeClasses(packages = "dev.polyledger.notification", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule hexagon = HexagonalArchitecture.of("dev.polyledger.notification")
            .domainMayAlsoUse("javax.crypto..", "dev.polyledger.events..")
            .applicationMayAlsoUse("org.slf4j..")
            .rule();
}
