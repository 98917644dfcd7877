package dev.polyledger.ledger;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency rule of the hexagon (shared/style.md): the domain sees only the JDK; the application sees
 * the domain, the shared event vocabulary and {@code jakarta.inject}, never an adapter or Micronaut; adapters
 * do not see each other; nothing inside the hexagon sees the wiring in {@code config}.
 *
 * <p>Classes whose name starts with {@code $} are written by the Micronaut annotation processor
 * (bean definitions for {@code @Singleton}, introspections) into the package of the annotated class; they
 * are the framework's, not ours, and are left out of the rules about our own code.
 */
@AnalyzeClasses(packages = "dev.polyledger.ledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    static {
        // The rules only look at package names, which ArchUnit knows for classes outside the import too;
        // loading every referenced Micronaut class from the jars would make this test take seconds.
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
    }

    /** Full names of classes the Micronaut annotation processor generates: {@code ...service.$TransferService$Definition}. */
    private static final String GENERATED = ".*\\.\\$[^.]*";

    @ArchTest
    static final ArchRule domainDependsOnlyOnTheJdk = classes()
            .that().resideInAPackage("dev.polyledger.ledger.domain..")
            .and().haveNameNotMatching(GENERATED)
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "java..",
                    "dev.polyledger.ledger.domain..");

    @ArchTest
    static final ArchRule applicationSeesNoAdapterAndNoFramework = classes()
            .that().resideInAPackage("dev.polyledger.ledger.application..")
            .and().haveNameNotMatching(GENERATED)
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "java..",
                    "jakarta.inject..",
                    "dev.polyledger.ledger.domain..",
                    "dev.polyledger.ledger.application..",
                    "dev.polyledger.events..");

    @ArchTest
    static final ArchRule domainAndApplicationDoNotSeeConfig = noClasses()
            .that().resideInAnyPackage("dev.polyledger.ledger.domain..", "dev.polyledger.ledger.application..")
            .and().haveNameNotMatching(GENERATED)
            .should().dependOnClassesThat().resideInAPackage("dev.polyledger.ledger.config..");

    /** buckpal's rule: a use case's contract and the application's needs are separate; what both speak is the domain. */
    @ArchTest
    static final ArchRule incomingPortsDoNotSeeOutgoingPorts = noClasses()
            .that().resideInAPackage("dev.polyledger.ledger.application.port.in..")
            .and().haveNameNotMatching(GENERATED)
            .should().dependOnClassesThat().resideInAPackage("dev.polyledger.ledger.application.port.out..");

    @ArchTest
    static final ArchRule outgoingPortsDoNotSeeIncomingPorts = noClasses()
            .that().resideInAPackage("dev.polyledger.ledger.application.port.out..")
            .and().haveNameNotMatching(GENERATED)
            .should().dependOnClassesThat().resideInAPackage("dev.polyledger.ledger.application.port.in..");

    @ArchTest
    static final ArchRule drivingAdaptersDoNotSeeDrivenAdapters = noClasses()
            .that().resideInAPackage("dev.polyledger.ledger.adapter.in..")
            .should().dependOnClassesThat().resideInAPackage("dev.polyledger.ledger.adapter.out..");

    @ArchTest
    static final ArchRule postgresAdapterDoesNotSeeRedisAdapter = noClasses()
            .that().resideInAPackage("dev.polyledger.ledger.adapter.out.postgres..")
            .should().dependOnClassesThat().resideInAPackage("dev.polyledger.ledger.adapter.out.redis..");

    @ArchTest
    static final ArchRule redisAdapterDoesNotSeePostgresAdapter = noClasses()
            .that().resideInAPackage("dev.polyledger.ledger.adapter.out.redis..")
            .should().dependOnClassesThat().resideInAPackage("dev.polyledger.ledger.adapter.out.postgres..");

    @ArchTest
    static final ArchRule drivenAdaptersDoNotSeeEachOther = slices()
            .matching("dev.polyledger.ledger.adapter.out.(*)..")
            .should().notDependOnEachOther();

    @ArchTest
    static final ArchRule drivingAdaptersDoNotSeeEachOther = slices()
            .matching("dev.polyledger.ledger.adapter.in.(*)..")
            .should().notDependOnEachOther();
}
