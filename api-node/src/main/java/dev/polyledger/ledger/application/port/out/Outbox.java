package dev.polyledger.ledger.application.port.out;

import dev.polyledger.events.EventType;
import dev.polyledger.ledger.domain.TenantId;
import java.time.Instant;
import java.util.UUID;

/**
 * The transactional outbox: an event appended here commits or rolls back with the change it describes,
 * and is published to RabbitMQ afterwards by the relay (at least once).
 */
public interface Outbox {

    /** Appends an event in the current transaction. */
    void append(OutboxEvent event);

    /**
     * One event of the contract's "Events" section.
     *
     * @param eventId     unique id
     * @param type        routing key / envelope type
     * @param aggregateId the account or transfer id
     * @param sequence    per-aggregate, strictly increasing in commit order
     * @param tenant      the tenant of the change (the event's {@code tenantId})
     * @param actor       id of the API key that made the change; may be null
     * @param requestId   X-Request-Id of the causing request; may be null
     * @param occurredAt  time of the change
     * @param data        the account or transfer after the change, as the API renders it
     */
    record OutboxEvent(UUID eventId, EventType type, UUID aggregateId, long sequence, TenantId tenant, String actor,
                       String requestId, Instant occurredAt, Object data) {
    }
}
