package dev.polyledger.ledger.application.port.out;

/** A conflict with a concurrent transaction that a fresh attempt of the whole transaction resolves. */
public class TransientConflictException extends RuntimeException {
    public TransientConflictException(String message) {
        super(message);
    }
}
