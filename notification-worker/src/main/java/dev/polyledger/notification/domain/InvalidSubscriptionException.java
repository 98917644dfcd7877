package dev.polyledger.notification.domain;

/** A subscription request that cannot be accepted; {@link #field()} names the field at fault. */
public class InvalidSubscriptionException extends RuntimeException {
    private final String field;

    public InvalidSubscriptionException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
