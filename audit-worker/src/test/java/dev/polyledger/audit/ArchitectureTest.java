package dev.polyledger.audit;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.polyledger.platform.testing.HexagonalArchitecture;

/**
 * The platform's one dependency rule of the hexagon ({@link HexagonalArchitecture}). The domain also uses the shared
 * event contract ({@code dev.polyledger.events}, plain Java): an audit snapshot is made from an {@code EventEnvelope}
 * of a known {@code EventType}. One known violation is frozen:
 * the outgoing port {@code AuditRecords.find} takes the incoming port's {@code AuditEventQuery}. The criteria belong
 * to a record of their own (in the domain or {@code port.out}) that the service maps the query to; until then this
 * one class, and nothing new, is exempt from "incoming and outgoing ports do not depend on each other".
 */
@AnalyzeClasses(packages = "dev.polyledger.audit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule hexagon = HexagonalArchitecture.of("dev.polyledger.audit")
            .domainMayAlsoUse("dev.polyledger.events..")
            .exceptFromPortRule("dev\\.polyledger\\.audit\\.application\\.port\\.out\\.AuditRecords",
                    "AuditRecords.find(AuditEventQuery, int) takes the incoming port's query")
            .rule();
}
