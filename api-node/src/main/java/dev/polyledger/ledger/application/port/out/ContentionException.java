package dev.polyledger.ledger.application.port.out;

/**
 * The transaction kept conflicting with concurrent ones until the retry budget was spent. Nothing was
 * written; the client may retry later with the same idempotency key (HTTP 503 with {@code Retry-After}).
 */
public class ContentionException extends RuntimeException {
    private final int attempts;

    public ContentionException(int attempts, Throwable cause) {
        super("transaction conflicted " + attempts + " times with concurrent ones", cause);
        this.attempts = attempts;
    }

    /** How many times the transaction ran. */
    public int attempts() {
        return attempts;
    }
}
