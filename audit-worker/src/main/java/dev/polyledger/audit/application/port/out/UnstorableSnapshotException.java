package dev.polyledger.audit.application.port.out;

/** The store refused a snapshot for what it contains (too large, a field name it does not accept…); final. */
public class UnstorableSnapshotException extends RuntimeException {
    public UnstorableSnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
