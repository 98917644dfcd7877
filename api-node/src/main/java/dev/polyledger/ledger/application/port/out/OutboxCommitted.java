package dev.polyledger.ledger.application.port.out;

/**
 * Announced on this node, in-process, after a transaction that appended {@link Outbox} events committed (never for
 * one that rolled back): the relay of this node wakes on it instead of polling. Other nodes do not hear it; their
 * relays find such events at their next wake-up or safety poll.
 */
public record OutboxCommitted() {
    /** The one instance: the announcement carries nothing. */
    public static final OutboxCommitted INSTANCE = new OutboxCommitted();
}
