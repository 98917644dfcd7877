package dev.polyledger.audit.domain;

import java.math.BigDecimal;

/**
 * How many minor-unit digits a currency has, to turn the ledger's integer minor units into the event payload's
 * decimal strings and back. The rule is ISO 4217's "minor unit" ({@link java.util.Currency#getDefaultFractionDigits}),
 * which is what the api-node's {@code ledger.currencies} lists (USD 2, EUR 2, GBP 2, JPY 0, INR 2); a code ISO 4217
 * does not know, or one without minor units, is taken as 2.
 */
public final class CurrencyScale {
    private static final int FALLBACK = 2;

    private CurrencyScale() {
    }

    /** The number of minor-unit digits of {@code code}, 0..8. */
    public static int of(String code) {
        try {
            int digits = java.util.Currency.getInstance(code).getDefaultFractionDigits();
            return digits < 0 ? FALLBACK : digits;
        } catch (IllegalArgumentException | NullPointerException e) {
            return FALLBACK;
        }
    }

    /** {@code minorUnits} as the events write amounts: a plain decimal string with exactly the currency's digits. */
    public static String render(long minorUnits, String code) {
        return BigDecimal.valueOf(minorUnits, of(code)).toPlainString();
    }

    /**
     * Whether the decimal text of an event payload is exactly {@code minorUnits} of the currency. Text that is not a
     * number (or not text) is not equal.
     */
    public static boolean sameAmount(Object text, long minorUnits, String code) {
        if (!(text instanceof String s)) {
            return false;
        }
        try {
            return new BigDecimal(s).compareTo(BigDecimal.valueOf(minorUnits, of(code))) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
