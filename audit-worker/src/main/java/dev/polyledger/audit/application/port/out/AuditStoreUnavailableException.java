package dev.polyledger.audit.application.port.out;

/** The audit store could not be reached or did not answer in time; nothing was written. Retrying may succeed. */
public class AuditStoreUnavailableException extends RuntimeException {
    public AuditStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
