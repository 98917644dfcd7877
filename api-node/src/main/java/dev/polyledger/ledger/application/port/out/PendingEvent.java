package dev.polyledger.ledger.application.port.out;

import dev.polyledger.events.EventType;
import java.time.Instant;
import java.util.UUID;

/**
 * An outbox row waiting to be published.
 *
 * @param eventId     unique id of the event
 * @param type        event type / routing key
 * @param aggregateId the account or transfer
 * @param sequence    per-aggregate sequence
 * @param tenantId    the tenant of the change
 * @param actor       id of the API key that made the change; may be null
 * @param requestId   X-Request-Id of the causing request; may be null
 * @param source      the api-node that wrote it
 * @param occurredAt  when the change committed
 * @param dataJson    the account or transfer after the change, as JSON text
 */
public record PendingEvent(UUID eventId, EventType type, UUID aggregateId, long sequence, String tenantId,
                           String actor, String requestId, String source, Instant occurredAt, String dataJson) {
}
