package dev.polyledger.ledger.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CurrencyTest {

    @ParameterizedTest
    @ValueSource(strings = {"usd", "US", "USDT", "U5D", ""})
    void rejectsACodeThatIsNotThreeUpperCaseLetters(String code) {
        assertThatThrownBy(() -> new Currency(code, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAMissingCode() {
        assertThatThrownBy(() -> new Currency(null, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 9})
    void rejectsAScaleOutsideZeroToEight(int scale) {
        assertThatThrownBy(() -> new Currency("XYZ", scale)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsTheScalesOfIso4217() {
        assertThat(new Currency("JPY", 0).scale()).isZero();
        assertThat(new Currency("BHD", 3).scale()).isEqualTo(3);
        assertThat(new Currency("XYZ", 8).scale()).isEqualTo(8);
    }
}
