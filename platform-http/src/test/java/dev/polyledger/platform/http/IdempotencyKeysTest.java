package dev.polyledger.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyKeysTest {

    private static String codeOf(List<String> values) {
        try {
            IdempotencyKeys.require(values);
        } catch (ApiException e) {
            return e.problem().code() + " " + e.problem().status();
        }
        throw new AssertionError("accepted " + values);
    }

    @Test
    void acceptsOneKeyOfPrintableAsciiWithInnerSpaces() {
        assertThat(IdempotencyKeys.require(List.of("order 991/a~b"))).isEqualTo("order 991/a~b");
        assertThat(IdempotencyKeys.require(List.of("k"))).isEqualTo("k");
        assertThat(IdempotencyKeys.require(List.of("k".repeat(255)))).hasSize(255);
    }

    @Test
    void refusesARequestWithoutTheHeaderAsMissing() {
        assertThat(codeOf(List.of())).isEqualTo("IDEMPOTENCY_KEY_MISSING 400");
    }

    @Test
    void refusesTwoHeadersAsInvalid() {
        assertThat(codeOf(List.of("a", "a"))).isEqualTo("IDEMPOTENCY_KEY_INVALID 400");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", " k", "k ", "a\tb", "a\u0001b", "a\u007fb", "caf\u00e9", "a\u0000"})
    void refusesKeysOutsideTheRuleWithoutNormalisingThem(String key) {
        assertThat(codeOf(List.of(key))).isEqualTo("IDEMPOTENCY_KEY_INVALID 400");
    }

    @Test
    void refusesAKeyLongerThan255Characters() {
        assertThatThrownBy(() -> IdempotencyKeys.require(List.of("k".repeat(256))))
                .isInstanceOf(ApiException.class);
    }
}
