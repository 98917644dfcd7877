package dev.polyledger.audit.application.port.out;

/** The ledger's PostgreSQL could not be read (unreachable, timed out); nothing was compared. Retrying may succeed. */
public class LedgerUnavailableException extends RuntimeException {
    public LedgerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
