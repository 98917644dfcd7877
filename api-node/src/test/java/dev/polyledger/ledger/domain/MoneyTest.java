package dev.polyledger.ledger.domain;

import static dev.polyledger.ledger.domain.DomainFixtures.EUR;
import static dev.polyledger.ledger.domain.DomainFixtures.JPY;
import static dev.polyledger.ledger.domain.DomainFixtures.KWD;
import static dev.polyledger.ledger.domain.DomainFixtures.USD;
import static dev.polyledger.ledger.domain.DomainFixtures.jpy;
import static dev.polyledger.ledger.domain.DomainFixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    @ParameterizedTest(name = "{0} USD is {1} cents")
    @CsvSource({
            "10,      1000",
            "10.5,    1050",
            "10.50,   1050",
            "0.01,    1",
            "007,     700",
            "92233720368547758.07, 9223372036854775807"})
    void convertsMajorUnitsOfUsdToCents(String major, long minor) {
        Money money = Money.positive(new BigDecimal(major), USD);

        assertThat(money.minorUnits()).isEqualTo(minor);
        assertThat(money.currency()).isEqualTo(USD);
    }

    @Test
    void takesWholeYen() {
        assertThat(Money.positive(new BigDecimal("1000"), JPY)).isEqualTo(jpy(1000));
    }

    @Test
    void takesThreeDecimalsForAThreeDecimalCurrency() {
        assertThat(Money.positive(new BigDecimal("1.234"), KWD).minorUnits()).isEqualTo(1234);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.500", "10.505", "0.001"})
    void rejectsMoreDecimalsThanUsdAllowsEvenTrailingZeros(String major) {
        assertRejectedAmount(major, USD, "more decimals than USD allows (2)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1000.5", "1000.0", "0.5"})
    void rejectsAnyDecimalsForYen(String major) {
        assertRejectedAmount(major, JPY, "more decimals than JPY allows (0)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00", "-1", "-0.01"})
    void rejectsZeroAndNegativeAmounts(String major) {
        assertRejectedAmount(major, USD, "amount must be positive");
    }

    @ParameterizedTest
    @ValueSource(strings = {"92233720368547758.08", "100000000000000000000"})
    void rejectsAmountsBeyond64BitsOfMinorUnits(String major) {
        assertRejectedAmount(major, USD, "amount is too large");
    }

    @Test
    void rejectsYenBeyond64Bits() {
        assertRejectedAmount("9223372036854775808", JPY, "amount is too large");
    }

    @ParameterizedTest(name = "{0} minor units of {1} print as {2}")
    @CsvSource({
            "1050,  USD, 10.50",
            "1000,  USD, 10.00",
            "5,     USD, 0.05",
            "0,     USD, 0.00",
            "-300,  USD, -3.00",
            "-5,    USD, -0.05",
            "9223372036854775807,  USD, 92233720368547758.07",
            "-9223372036854775808, USD, -92233720368547758.08",
            "1000,  JPY, 1000",
            "0,     JPY, 0",
            "-7,    JPY, -7",
            "1234,  KWD, 1.234",
            "-1,    KWD, -0.001"})
    void printsTheFullScaleOfItsCurrency(long minor, String code, String expected) {
        Currency currency = switch (code) {
            case "USD" -> USD;
            case "JPY" -> JPY;
            case "KWD" -> KWD;
            default -> throw new IllegalArgumentException(code);
        };

        assertThat(new Money(minor, currency).toDecimalString()).isEqualTo(expected);
    }

    @Test
    void addsAndSubtractsExactly() {
        assertThat(usd(1050).plus(usd(25))).isEqualTo(usd(1075));
        assertThat(usd(1050).minus(usd(2000))).isEqualTo(usd(-950));
        assertThat(usd(-950).isNegative()).isTrue();
        assertThat(usd(0).isNegative()).isFalse();
    }

    @Test
    void failsArithmeticOnOverflowInsteadOfWrappingAround() {
        assertThatThrownBy(() -> usd(Long.MAX_VALUE).plus(usd(1))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> usd(Long.MIN_VALUE).minus(usd(1))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void refusesArithmeticAcrossCurrencies() {
        assertThatThrownBy(() -> usd(100).plus(new Money(100, EUR)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("USD vs EUR");
        assertThatThrownBy(() -> usd(100).minus(new Money(100, EUR)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void zeroIsZeroMinorUnitsOfTheCurrency() {
        assertThat(Money.zero(JPY)).isEqualTo(jpy(0));
    }

    private static void assertRejectedAmount(String major, Currency currency, String message) {
        assertThatThrownBy(() -> Money.positive(new BigDecimal(major), currency))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("amount"))
                .hasMessageContaining(message);
    }
}
