package dev.polyledger.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * The events the ledger publishes; {@link #routingKey()} is both the envelope's {@code type} and the
 * RabbitMQ routing key on the {@link LedgerTopology#EXCHANGE} topic exchange (api-contract.md, "Events").
 */
public enum EventType {
    ACCOUNT_CREATED("account.created", AggregateType.ACCOUNT),
    ACCOUNT_FROZEN("account.frozen", AggregateType.ACCOUNT),
    ACCOUNT_UNFROZEN("account.unfrozen", AggregateType.ACCOUNT),
    ACCOUNT_CLOSED("account.closed", AggregateType.ACCOUNT),
    TRANSFER_POSTED("transfer.posted", AggregateType.TRANSFER),
    /** An INDEPENDENT batch processed its last item; the payload is the batch with its counts. */
    BATCH_COMPLETED("batch.completed", AggregateType.BATCH),
    /** A hold was placed: its amount is reserved on the source account. The payload is the hold. */
    HOLD_CREATED("hold.created", AggregateType.HOLD),
    /** A hold was captured (in part or in full); the payload is the hold with the {@code HOLD_POST} transfer. */
    HOLD_POSTED("hold.posted", AggregateType.HOLD),
    /** A pending hold was voided by the client: its remaining amount is released. */
    HOLD_VOIDED("hold.voided", AggregateType.HOLD),
    /** A pending hold reached its expiresAt: its remaining amount is released. */
    HOLD_EXPIRED("hold.expired", AggregateType.HOLD);

    private final String routingKey;
    private final AggregateType aggregateType;

    EventType(String routingKey, AggregateType aggregateType) {
        this.routingKey = routingKey;
        this.aggregateType = aggregateType;
    }

    /** The routing key and envelope {@code type}, e.g. {@code transfer.posted}. */
    public String routingKey() {
        return routingKey;
    }

    /** The kind of aggregate whose id is the envelope's {@code aggregateId}. */
    public AggregateType aggregateType() {
        return aggregateType;
    }

    /** The event type of a routing key, or empty for a key this version does not know. */
    public static Optional<EventType> fromRoutingKey(String routingKey) {
        return Arrays.stream(values()).filter(t -> t.routingKey.equals(routingKey)).findFirst();
    }

    /** The aggregates that emit events. */
    public enum AggregateType { ACCOUNT, TRANSFER, BATCH, HOLD }
}
