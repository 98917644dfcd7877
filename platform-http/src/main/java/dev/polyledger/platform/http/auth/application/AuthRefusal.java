package dev.polyledger.platform.http.auth.application;

/**
 * A refused key or tenant management request. The web adapter answers it as problem+json with the code of its
 * {@link Reason}. Messages never contain a key or a key hash.
 */
public class AuthRefusal extends RuntimeException {
    /** Why the request was refused. */
    public enum Reason {
        /** {@code 400 VALIDATION_FAILED}: a field has a value the rules do not allow; {@link #field()} names it. */
        VALIDATION_FAILED,
        /** {@code 403 INSUFFICIENT_SCOPE}: the caller would grant a scope it does not hold, or is not the operator. */
        INSUFFICIENT_SCOPE,
        /** {@code 404 API_KEY_NOT_FOUND}: no key of that id in the caller's tenant. */
        API_KEY_NOT_FOUND
    }

    private final Reason reason;
    private final String field;

    public AuthRefusal(Reason reason, String field, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
        this.field = field;
    }

    public static AuthRefusal invalid(String field, String detail) {
        return new AuthRefusal(Reason.VALIDATION_FAILED, field, detail);
    }

    public Reason reason() {
        return reason;
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }
}
