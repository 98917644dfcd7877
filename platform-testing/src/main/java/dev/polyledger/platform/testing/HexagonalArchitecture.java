package dev.polyledger.platform.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one dependency rule of the platform's hexagons, which every service's {@code ArchitectureTest} checks (after
 * buckpal's {@code HexagonalArchitecture}). For a service under {@code base}, with the packages {@code domain},
 * {@code application} ({@code port.in}, {@code port.out}, {@code service}), {@code adapter.in.*}, {@code adapter.out.*}
 * and {@code config}:
 * <ol>
 *   <li>the domain depends on {@code java..} and itself only, plus what a service declares with
 *       {@link #domainMayAlsoUse} and its reason (e.g. the shared event contract {@code dev.polyledger.events}, plain
 *       Java, for a domain built from events);</li>
 *   <li>the application sees no adapter and no framework: besides the domain and the event contract, only
 *       {@code jakarta.inject}, {@code jakarta.annotation} (nullness, which the OpenAPI document reads from views) and
 *       Micronaut's transaction annotation ({@code io.micronaut.transaction.annotation}),
 *       plus what a service declares with {@link #applicationMayAlsoUse};</li>
 *   <li>neither sees the wiring in {@code config};</li>
 *   <li>incoming and outgoing ports do not depend on each other: what both speak is the domain;</li>
 *   <li>driving adapters ({@code adapter.in}) do not see driven ones ({@code adapter.out}), nor the reverse;</li>
 *   <li>driving adapters do not see each other, and driven adapters do not see each other.</li>
 * </ol>
 * A violation that exists today and is being removed is not hidden by loosening a rule: it is named, class by class,
 * with {@link #exceptFromPortRule} and its reason, so that the list can only shrink.
 *
 * <p>Classes whose simple name starts with {@code $} are written by the Micronaut annotation processor (bean
 * definitions, introspections) into the package of the annotated class: the framework's, not ours, and left out.
 */
public final class HexagonalArchitecture {
    /** Full names of classes the Micronaut annotation processor generates: {@code ...service.$TransferService$Definition}. */
    private static final String GENERATED = ".*\\.\\$[^.]*";

    static {
        // The rules only look at package names, which ArchUnit knows for classes outside the import too; loading every
        // referenced Micronaut class from the jars would make each ArchitectureTest take seconds.
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
    }

    private final String base;
    private final List<String> domainExtras = new ArrayList<>();
    private final List<String> applicationExtras = new ArrayList<>();
    private final List<String> portRuleExceptions = new ArrayList<>();

    private HexagonalArchitecture(String base) {
        this.base = base;
    }

    /** The rule for the service whose packages are under {@code basePackage}, e.g. {@code dev.polyledger.audit}. */
    public static HexagonalArchitecture of(String basePackage) {
        return new HexagonalArchitecture(basePackage);
    }

    /**
     * Packages the domain legitimately needs besides the JDK's {@code java..}, e.g. {@code javax.crypto..} for a
     * signature the domain computes; say why at the call.
     */
    public HexagonalArchitecture domainMayAlsoUse(String... packages) {
        domainExtras.addAll(Arrays.asList(packages));
        return this;
    }

    /** Packages the application legitimately needs besides the common ones; say why at the call. */
    public HexagonalArchitecture applicationMayAlsoUse(String... packages) {
        applicationExtras.addAll(Arrays.asList(packages));
        return this;
    }

    /**
     * Leaves the classes matching {@code classNameRegex} (full names) out of the "incoming and outgoing ports do not
     * depend on each other" rule, for a known violation being removed.
     *
     * @param reason why it exists and who removes it: stated at the call, shown nowhere else
     */
    public HexagonalArchitecture exceptFromPortRule(String classNameRegex, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("an exception to the rule needs its reason");
        }
        portRuleExceptions.add(classNameRegex);
        return this;
    }

    /** Every rule above as one rule, whose report lists every violation of every rule. */
    public ArchRule rule() {
        return CompositeArchRule.of(rules()).as("the hexagonal dependency rule of " + base);
    }

    /** The rules one by one. */
    public List<ArchRule> rules() {
        String domain = base + ".domain..";
        String application = base + ".application..";
        String portIn = base + ".application.port.in..";
        String portOut = base + ".application.port.out..";
        String adapterIn = base + ".adapter.in..";
        String adapterOut = base + ".adapter.out..";
        String portExceptions = portRuleExceptions.stream()
                .map(regex -> "(" + regex + ")").collect(Collectors.joining("|"));
        String notInPortRule = portExceptions.isEmpty() ? GENERATED : GENERATED + "|" + portExceptions;
        return List.of(
                classes().that().resideInAPackage(domain).and().haveNameNotMatching(GENERATED)
                        .should().onlyDependOnClassesThat().resideInAnyPackage(
                                concat(domainExtras, "java..", domain))
                        .allowEmptyShould(true)
                        .as("the domain depends on the JDK only"
                                + (domainExtras.isEmpty() ? "" : " (and " + domainExtras + ")")),
                classes().that().resideInAPackage(application).and().haveNameNotMatching(GENERATED)
                        .should().onlyDependOnClassesThat().resideInAnyPackage(concat(applicationExtras,
                                "java..", "jakarta.inject..", "jakarta.annotation..", "io.micronaut.transaction.annotation..",
                                "dev.polyledger.events..", domain, application))
                        .allowEmptyShould(true)
                        .as("the application sees no adapter and no framework"
                                + (applicationExtras.isEmpty() ? "" : " (but " + applicationExtras + ")")),
                noClasses().that().resideInAnyPackage(domain, application).and().haveNameNotMatching(GENERATED)
                        .should().dependOnClassesThat().resideInAPackage(base + ".config..")
                        .allowEmptyShould(true)
                        .as("the domain and the application do not see the wiring in config"),
                noClasses().that().resideInAPackage(portIn).and().haveNameNotMatching(notInPortRule)
                        .should().dependOnClassesThat().resideInAPackage(portOut)
                        .allowEmptyShould(true)
                        .as("incoming ports do not depend on outgoing ports"),
                noClasses().that().resideInAPackage(portOut).and().haveNameNotMatching(notInPortRule)
                        .should().dependOnClassesThat().resideInAPackage(portIn)
                        .allowEmptyShould(true)
                        .as("outgoing ports do not depend on incoming ports"),
                noClasses().that().resideInAPackage(adapterIn)
                        .should().dependOnClassesThat().resideInAPackage(adapterOut)
                        .allowEmptyShould(true)
                        .as("driving adapters do not see driven adapters"),
                noClasses().that().resideInAPackage(adapterOut)
                        .should().dependOnClassesThat().resideInAPackage(adapterIn)
                        .allowEmptyShould(true)
                        .as("driven adapters do not see driving adapters"),
                slices().matching(base + ".adapter.in.(*)..").should().notDependOnEachOther()
                        .allowEmptyShould(true)
                        .as("driving adapters do not see each other"),
                slices().matching(base + ".adapter.out.(*)..").should().notDependOnEachOther()
                        .allowEmptyShould(true)
                        .as("driven adapters do not see each other"));
    }

    private static String[] concat(List<String> extras, String... common) {
        return Stream.concat(Stream.of(common), extras.stream()).toArray(String[]::new);
    }
}
