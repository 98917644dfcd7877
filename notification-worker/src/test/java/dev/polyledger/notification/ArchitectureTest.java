package dev.polyledger.notification;

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
@AnalyzeClasses(packages = "dev.polyledger.notification", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    static {
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
    }

    private static final String GENERATED = ".*\\.\\$[^.]*";

    @ArchTest
    static final ArchRule domainDependsOnlyOnTheJdkAndTheEventContract = classes()
            .that().resideInAPackage("dev.polyledger.notification.domain..")
            .and().haveNameNotMatching(GENERATED)
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "java..",
                    "javax.crypto..",
                    "dev.polyledger.events..",
                    "dev.polyledger.notification.domain..");

    @ArchTest
    static final ArchRule applicationSeesNoAdapterAndNoFramework = classes()
            .that().resideInAPackage("dev.polyledger.notification.application..")
            .and().haveNameNotMatching(GENERATED)
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "java..",
                    "jakarta.inject..",
                    "org.slf4j..",
                    "dev.polyledger.notification.domain..",
                    "dev.polyledger.notification.application..",
                    "dev.polyledger.events..");

    @ArchTest
    static final ArchRule domainAndApplicationDoNotSeeConfig = noClasses()
            .that().resideInAnyPackage("dev.polyledger.notification.domain..", "dev.polyledger.notification.application..")
            .and().haveNameNotMatching(GENERATED)
            .should().dependOnClassesThat().resideInAPackage("dev.polyledger.notification.config..");

    @ArchTest
    static final ArchRule drivingAdaptersDoNotSeeDrivenAdapters = noClasses()
            .that().resideInAPackage("dev.polyledger.notification.adapter.in..")
            .should().dependOnClassesThat().resideInAPackage("dev.polyledger.notification.adapter.out..");

    @ArchTest
    static final ArchRule drivenAdaptersDoNotSeeDrivingAdapters = noClasses()
            .that().resideInAPackage("dev.polyledger.notification.adapter.out..")
            .should().dependOnClassesThat().resideInAPackage("dev.polyledger.notification.adapter.in..");

    @ArchTest
    static final ArchRule drivingAdaptersDoNotSeeEachOther = slices()
            .matching("dev.polyledger.notification.adapter.in.(*)..")
            .should().notDependOnEachOther();
}
