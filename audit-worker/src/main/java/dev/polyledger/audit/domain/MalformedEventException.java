package dev.polyledger.audit.domain;

/**
 * An event that cannot be audited as it is, whatever is retried: not the contract's envelope, an unknown type,
 * or data that does not describe the aggregate. Such a message is dead-lettered at once; the message says why.
 */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String reason) {
        super(reason);
    }
}
