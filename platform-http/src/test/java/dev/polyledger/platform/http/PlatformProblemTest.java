package dev.polyledger.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlatformProblemTest {

    @Test
    void rendersAProblemWithTheCodesStatusTitleAndTaggedType() {
        Problem problem = PlatformProblem.VALIDATION_FAILED.problem("amount must be a string").withField("amount");

        assertThat(problem).isEqualTo(new Problem("tag:polyledger.dev,2026:problem:VALIDATION_FAILED",
                "Request is not valid", 400, "amount must be a string", "VALIDATION_FAILED", "amount"));
    }

    @Test
    void mapsTheFrameworksOwnStatusesToPlatformCodes() {
        assertThat(PlatformProblem.ofFrameworkStatus(400)).contains(PlatformProblem.VALIDATION_FAILED);
        assertThat(PlatformProblem.ofFrameworkStatus(415)).contains(PlatformProblem.UNSUPPORTED_MEDIA_TYPE);
        assertThat(PlatformProblem.ofFrameworkStatus(502)).contains(PlatformProblem.INTERNAL_ERROR);
        assertThat(PlatformProblem.ofFrameworkStatus(409)).isEmpty();
    }

    @Test
    void refusesAProblemTypeThatIsNotAnError() {
        assertThatThrownBy(() -> new ProblemType(200, "OK")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProblemType(400, " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aServiceCodeIsOneLineWithItsNameStatusAndTitle() {
        ProblemCode code = ProblemCode.of("ACCOUNT_NOT_FOUND", 404, "Account not found");

        assertThat(code.problem("account 7 does not exist")).isEqualTo(Problem.of(404, "ACCOUNT_NOT_FOUND",
                "Account not found", "account 7 does not exist"));
        assertThatThrownBy(() -> ProblemCode.of("account not found", 404, "Account not found"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
