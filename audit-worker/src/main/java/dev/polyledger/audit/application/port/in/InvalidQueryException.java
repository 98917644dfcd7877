package dev.polyledger.audit.application.port.in;

/** A query parameter that is not acceptable; {@link #field()} names it. Answered as 400 VALIDATION_FAILED. */
public class InvalidQueryException extends RuntimeException {
    private final String field;

    public InvalidQueryException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
