package dev.polyledger.platform.http;

/**
 * Recognises a failure that means a backing service (a database) is out of reach, so the request is
 * answered {@code 503 SERVICE_UNAVAILABLE} with {@code Retry-After} instead of {@code 500}. Each service
 * provides one bean for what it depends on.
 */
public interface UnavailableDependency {

    /** Whether {@code failure} (or one of its causes) says the dependency cannot be reached. */
    boolean isUnavailable(Throwable failure);

    /** The name used in the problem detail, e.g. "the ledger database". */
    String name();

    /** Whether {@code failure} or one of its causes is an instance of {@code type}; for {@link #isUnavailable}. */
    static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
