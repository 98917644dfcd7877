package dev.polyledger.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The JSON envelope of every ledger event (api-contract.md, "Events").
 *
 * @param eventId     unique id; consumers deduplicate on it
 * @param type        the routing key, e.g. {@code transfer.posted}
 * @param occurredAt  commit time of the change (UTC)
 * @param aggregateId id of the account or transfer that emitted the event
 * @param sequence    strictly increasing, in commit order, per aggregate: the account's version + 1 after the
 *                    change for {@code account.*} (1 for {@code account.created}); {@code 1} for
 *                    {@code transfer.posted} (a transfer is immutable and emits exactly one event)
 * @param requestId   the {@code X-Request-Id} of the HTTP request that caused the change
 * @param source      the api-node that handled the request (e.g. {@code api-node-2})
 * @param tenantId    the tenant the change belongs to (api-contract.md, "Authentication and tenants"); events
 *                    written before tenants existed belong to {@value #DEFAULT_TENANT}
 * @param actor       the id of the API key that made the change, or null when none did (e.g. a hold expiring);
 *                    never the key itself
 * @param data        the account or transfer after the change, as the HTTP API renders it
 * @param <T>         type of {@code data}: a JSON tree or a typed view, depending on the reader
 */
public record EventEnvelope<T>(
        UUID eventId,
        String type,
        Instant occurredAt,
        UUID aggregateId,
        long sequence,
        String requestId,
        String source,
        String tenantId,
        String actor,
        T data) {

    /** The tenant of everything written before tenants existed, and of the operator key. */
    public static final String DEFAULT_TENANT = "default";

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(tenantId, "tenantId");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be >= 1, was " + sequence);
        }
    }
}
