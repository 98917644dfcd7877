package dev.polyledger.events;

/**
 * Names of the RabbitMQ topology shared by the producer and the consumers (api-contract.md, "Events").
 * Declared idempotently by every service at start.
 */
public final class LedgerTopology {
    /** Durable topic exchange every committed change is published to. */
    public static final String EXCHANGE = "ledger.events";

    private LedgerTopology() {
    }
}
