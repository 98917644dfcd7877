package dev.polyledger.audit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency rule of the hexagon (shared/style.md), as in the api-node: the domain sees the JDK and the shared
 * event vocabulary ({@code dev.polyledger.events}); the application also {@code jakarta.inject}, never an adapter
 * or Micronaut; adapters do not see each other; nothing inside the hexagon sees {@code config}.
 * Classes named {@code $…} are the Micronaut annotation processor's.
 */
@AnalyzeClasses(packages = "dev.polyledger.audit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    static {
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
    }

    private static final String GENERATED = ".*\\.\\$[^.]*";

    @ArchTest
    static final ArchRule domainDependsOnlyOnTheJdkAndTheEventContract = classes()
            .that().resideInAPackage("dev.polyledger.audit.domain..")
            .and().haveNameNotMatching(GENERATED)
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "java..",
                    "dev.polyledger.events..",
                    "dev.polyledger.audit.domain..");

    @ArchTest
    static final ArchRule applicationSeesNoAdapterAndNoFramework = classes()
            .that().resideInAPackage("dev.polyledger.audit.application..")
            .and().haveNameNotMatching(GENERATED)
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "java..",
                    "jakarta.inject..",
                    "dev.polyledger.audit.domain..",
                    "dev.polyledger.audit.application..",
                    "dev.polyledger.events..");

    @ArchTest
    static final ArchRule domainAndApplicationDoNotSeeConfig = noClasses()
            .that().resideInAnyPackage("dev.polyledger.audit.domain..", "dev.polyledger.audit.application..")
            .and().haveNameNotMatching(GENERATED)
            .should().dependOnClassesThat().resideInAPackage("dev.polyledger.audit.config..");

    @ArchTest
    static final ArchRule drivingAdaptersDoNotSeeDrivenAdapters = noClasses()
            .that().resideInAPackage("dev.polyledger.audit.adapter.in..")
            .should().dependOnClassesThat().resideInAPackage("dev.polyledger.audit.adapter.out..");

    @ArchTest
    static final ArchRule drivenAdaptersDoNotSeeDrivingAdapters = noClasses()
            .that().resideInAPackage("dev.polyledger.audit.adapter.out..")
            .should().dependOnClassesThat().resideInAPackage("dev.polyledger.audit.adapter.in..");

    @ArchTest
    static final ArchRule drivingAdaptersDoNotSeeEachOther = slices()
            .matching("dev.polyledger.audit.adapter.in.(*)..")
            .should().notDependOnEachOther();
}
