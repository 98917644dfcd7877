package dev.polyledger.audit.domain;

import dev.polyledger.events.EventEnvelope;
import dev.polyledger.events.EventType;
import dev.polyledger.events.Uuids;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The audit record of one ledger event (api-contract.md, "Audit queries"): the event as the api-node published
 * it, the state of the aggregate after it ({@code data}: the transfer with each entry's {@code balanceAfter}, or
 * the account), and when this worker received it. One snapshot per {@code eventId}, ever.
 *
 * <p>Two query keys are derived from the event: {@code accountIds}, the accounts the event touches (source and
 * destination of a transfer; the account itself for {@code account.*}), and {@code transferId} (the
 * aggregate of a {@code transfer.posted}, absent otherwise).
 *
 * @param eventId     the envelope's id; the identity of the snapshot
 * @param type        the event type (routing key)
 * @param aggregateId the account or transfer that emitted the event
 * @param sequence    the aggregate's sequence number of the event, >= 1
 * @param occurredAt  commit time of the change, as published (full precision)
 * @param requestId   the X-Request-Id of the HTTP request that caused the change; null when not published
 * @param source      the api-node that handled the request; null when not published
 * @param tenantId    the tenant the event belongs to (api-contract.md, "Authentication and tenants"); an event
 *                    published without one belongs to {@value EventEnvelope#DEFAULT_TENANT}. Every query is scoped
 *                    to one tenant
 * @param actor       the id of the API key that made the change (never the key itself); null when none did or the
 *                    event does not say
 * @param receivedAt  when this worker received the event (from its clock)
 * @param data        the account or transfer after the change, as a JSON tree of maps, lists, strings, numbers,
 *                    booleans and nulls (unmodifiable at the top level)
 * @param accountIds  the accounts concerned, without duplicates, never empty
 * @param transferId  the transfer of a {@code transfer.posted}; null for account events
 */
public record AuditSnapshot(
        UUID eventId,
        EventType type,
        UUID aggregateId,
        long sequence,
        Instant occurredAt,
        String requestId,
        String source,
        String tenantId,
        String actor,
        Instant receivedAt,
        Map<String, Object> data,
        List<UUID> accountIds,
        UUID transferId) {

    public AuditSnapshot {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (tenantId == null || tenantId.isBlank()) {
            throw new IllegalArgumentException("tenantId must not be blank");
        }
        Objects.requireNonNull(data, "data");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be >= 1, was " + sequence);
        }
        if (accountIds == null || accountIds.isEmpty()) {
            throw new IllegalArgumentException("accountIds must not be empty");
        }
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        accountIds = List.copyOf(accountIds);
    }

    /**
     * The snapshot of a published event.
     *
     * @param event      the envelope as published, {@code data} being the JSON object of the aggregate
     * @param receivedAt when the worker received it
     * @throws MalformedEventException when the type is unknown, the tenant blank, {@code data} is missing, names another aggregate
     *                                 ({@code data.id} differs from {@code aggregateId}), or a transfer lacks a
     *                                 UUID {@code sourceAccountId} / {@code destinationAccountId}
     */
    public static AuditSnapshot of(EventEnvelope<Map<String, Object>> event, Instant receivedAt) {
        EventType type = EventType.fromRoutingKey(event.type())
                .orElseThrow(() -> new MalformedEventException("unknown event type '" + event.type() + "'"));
        if (event.tenantId().isBlank()) {
            throw new MalformedEventException("tenantId is blank");
        }
        Map<String, Object> data = event.data();
        if (data == null) {
            throw new MalformedEventException("data is missing");
        }
        Object dataId = data.get("id");
        if (dataId != null && !event.aggregateId().toString().equals(dataId)) {
            throw new MalformedEventException("data.id " + dataId + " is not the aggregateId " + event.aggregateId());
        }
        List<UUID> accountIds;
        UUID transferId;
        if (type.aggregateType() == EventType.AggregateType.TRANSFER || type.aggregateType() == EventType.AggregateType.HOLD) {
            // A hold, like a transfer, belongs to the trails of both its accounts.
            var ids = new LinkedHashSet<UUID>();
            ids.add(accountId(data, "sourceAccountId"));
            ids.add(accountId(data, "destinationAccountId"));
            accountIds = new ArrayList<>(ids);
            transferId = type.aggregateType() == EventType.AggregateType.TRANSFER ? event.aggregateId() : null;
        } else {
            accountIds = List.of(event.aggregateId());
            transferId = null;
        }
        return new AuditSnapshot(event.eventId(), type, event.aggregateId(), event.sequence(), event.occurredAt(),
                event.requestId(), event.source(), event.tenantId(), event.actor(), receivedAt, data, accountIds,
                transferId);
    }

    private static UUID accountId(Map<String, Object> data, String field) {
        Object value = data.get(field);
        return Uuids.parse(value instanceof String text ? text : null).orElseThrow(() -> new MalformedEventException(
                "data." + field + " must be an account id (a UUID), was " + value));
    }
}
