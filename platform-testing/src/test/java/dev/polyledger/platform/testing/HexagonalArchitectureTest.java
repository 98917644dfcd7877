package dev.polyledger.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

class HexagonalArchitectureTest {
    private static final String FIXTURES = "dev.polyledger.platform.testing.hexagon";
    private static final JavaClasses CLASSES = new ClassFileImporter().importPackages(FIXTURES);

    private static EvaluationResult evaluate(HexagonalArchitecture architecture) {
        return architecture.rule().evaluate(CLASSES);
    }

    @Test
    void aHexagonWhoseLayersPointInwardPasses() {
        assertThatCode(() -> HexagonalArchitecture.of(FIXTURES + ".good").rule().check(CLASSES))
                .doesNotThrowAnyException();
    }

    @Test
    void reportsEveryLayerThatPointsTheWrongWay() {
        var report = String.join("\n", evaluate(HexagonalArchitecture.of(FIXTURES + ".bad"))
                .getFailureReport().getDetails());

        assertThat(report)
                .contains("bad.domain.Money", "bad.adapter.out.db.Row")
                .contains("bad.application.port.out.Payments", "bad.application.port.in.Pay")
                .contains("bad.adapter.in.web.PayController")
                .contains("bad.adapter.out.db.Row", "bad.adapter.out.cache.Cached");
    }

    @Test
    void aNamedExceptionExemptsOnlyItsClassFromThePortRule() {
        var exempt = HexagonalArchitecture.of(FIXTURES + ".bad")
                .exceptFromPortRule(".*\\.bad\\.application\\.port\\.out\\.Payments", "fixture");
        var report = String.join("\n", evaluate(exempt).getFailureReport().getDetails());

        assertThat(report).doesNotContain("Payments").contains("bad.domain.Money");
    }

    @Test
    void aDomainMayUseWhatItDeclares() {
        var strict = evaluate(HexagonalArchitecture.of(FIXTURES + ".bad")).getFailureReport().getDetails();
        var allowed = evaluate(HexagonalArchitecture.of(FIXTURES + ".bad")
                .domainMayAlsoUse(FIXTURES + ".bad.adapter.out.db..")).getFailureReport().getDetails();

        assertThat(String.join("\n", strict)).contains("Field <" + FIXTURES + ".bad.domain.Money.row>");
        assertThat(String.join("\n", allowed)).doesNotContain("Field <" + FIXTURES + ".bad.domain.Money.row>");
    }
}
