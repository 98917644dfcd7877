package dev.polyledger.ledger;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.polyledger.platform.testing.HexagonalArchitecture;

/** The platform's one dependency rule of the hexagon ({@link HexagonalArchitecture}). */
@AnalyzeClasses(packages = "dev.polyledger.ledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule hexagon = HexagonalArchitecture.of("dev.polyledger.ledger").rule();
}
