package dev.polyledger.ledger.domain;

/**
 * A request that can never succeed as written: a malformed amount, an unknown currency, a missing field.
 * The HTTP adapter answers {@code 400 VALIDATION_FAILED}; such requests are not recorded under their
 * idempotency key and may be retried, corrected, with the same key (api-contract.md, "Idempotency").
 */
public class ValidationException extends RuntimeException {
    private final String field;

    /**
     * @param field   the JSON field or parameter at fault, e.g. {@code amount}
     * @param message what is wrong, for a human
     */
    public ValidationException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The JSON field or parameter at fault. */
    public String field() {
        return field;
    }
}
