package dev.polyledger.ledger.domain;

import java.util.regex.Pattern;

/**
 * An ISO 4217 currency as the ledger uses it.
 *
 * @param code  three upper-case letters, e.g. {@code USD}
 * @param scale the number of minor-unit digits (ISO 4217 "minor unit"): 2 for USD, 0 for JPY
 */
public record Currency(String code, int scale) {
    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

    public Currency {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("currency code must be three upper-case letters: " + code);
        }
        if (scale < 0 || scale > 8) {
            throw new IllegalArgumentException("currency scale must be 0..8: " + scale);
        }
    }

    @Override
    public String toString() {
        return code;
    }
}
