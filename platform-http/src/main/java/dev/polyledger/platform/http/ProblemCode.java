package dev.polyledger.platform.http;

/**
 * A kind of problem a service answers with: its stable code (the enum constant's name), HTTP status and
 * title. Services list theirs as an enum implementing this; the platform-wide codes are in
 * {@link ProblemHandlers}.
 */
public interface ProblemCode {

    /** The stable code, e.g. {@code VALIDATION_FAILED}. */
    String name();

    /** The HTTP status, e.g. 400. */
    int status();

    /** Short summary of the kind of problem. */
    String title();

    /** This kind of problem for one request. */
    default Problem problem(String detail) {
        return Problem.of(status(), name(), title(), detail);
    }

    /** An exception that answers with {@link #problem(String)}. */
    default ApiException exception(String detail) {
        return new ApiException(problem(detail));
    }
}
