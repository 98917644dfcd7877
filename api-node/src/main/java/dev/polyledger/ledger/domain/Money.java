package dev.polyledger.ledger.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An amount of one currency as a signed 64-bit count of minor units (cents for USD, yen for JPY).
 * Never floating point; arithmetic is exact and fails with {@link ArithmeticException} on overflow.
 *
 * @param minorUnits the amount in minor units; negative only for balances that may go negative
 * @param currency   the currency
 */
public record Money(long minorUnits, Currency currency) {

    public Money {
        Objects.requireNonNull(currency, "currency");
    }

    /** Zero of a currency. */
    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    /**
     * A positive amount given in major units, e.g. {@code 10.5} USD is 1050 minor units.
     *
     * @throws ValidationException (field {@code amount}) when it has more decimals than the currency's
     *                             scale, is not positive, or does not fit 64 bits of minor units
     */
    public static Money positive(BigDecimal majorUnits, Currency currency) {
        if (majorUnits.signum() <= 0) {
            throw new ValidationException("amount", "amount must be positive");
        }
        if (majorUnits.scale() > currency.scale()) {
            throw new ValidationException("amount",
                    "amount has more decimals than " + currency.code() + " allows (" + currency.scale() + ")");
        }
        try {
            return new Money(majorUnits.movePointRight(currency.scale()).longValueExact(), currency);
        } catch (ArithmeticException e) {
            throw new ValidationException("amount", "amount is too large");
        }
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minorUnits, other.minorUnits), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(minorUnits, other.minorUnits), currency);
    }

    public boolean isNegative() {
        return minorUnits < 0;
    }

    /** The amount in major units with the currency's full scale, e.g. {@code "10.50"}, {@code "-3.00"}, {@code "1000"}. */
    public String toDecimalString() {
        return BigDecimal.valueOf(minorUnits, currency.scale()).toPlainString();
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + currency + " vs " + other.currency);
        }
    }

    @Override
    public String toString() {
        return toDecimalString() + " " + currency.code();
    }
}
