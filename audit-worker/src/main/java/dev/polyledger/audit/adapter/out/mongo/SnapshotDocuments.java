package dev.polyledger.audit.adapter.out.mongo;

import com.mongodb.client.model.Filters;
import dev.polyledger.audit.domain.AuditSnapshot;
import dev.polyledger.events.EventEnvelope;
import dev.polyledger.events.EventType;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * Maps snapshots to documents of {@code audit_events} and back. A document:
 * <pre>
 * {_id: eventId, type, aggregateId, sequence (int64), occurredAt (date), occurredAtExact (ISO-8601 string, full
 *  precision as published), requestId, source, tenantId, actor, receivedAt (date), data: {the account or transfer},
 *  accountIds: [account id…], transferId (transfer.posted only)}
 * </pre>
 * Documents written before tenants existed have no {@code tenantId}: they belong to tenant
 * {@value dev.polyledger.events.EventEnvelope#DEFAULT_TENANT}, which is how they are read and how the queries of that
 * tenant match them ({@link #tenantIs}); they are not rewritten.
 * Ids are stored as their canonical strings. BSON dates hold milliseconds: queries and sorting use
 * {@code occurredAt}, the API answers with {@code occurredAtExact}.
 */
final class SnapshotDocuments {
    static final String ID = "_id";
    static final String TYPE = "type";
    static final String AGGREGATE_ID = "aggregateId";
    static final String SEQUENCE = "sequence";
    static final String OCCURRED_AT = "occurredAt";
    static final String OCCURRED_AT_EXACT = "occurredAtExact";
    static final String REQUEST_ID = "requestId";
    static final String SOURCE = "source";
    static final String TENANT_ID = "tenantId";
    static final String ACTOR = "actor";
    static final String RECEIVED_AT = "receivedAt";
    static final String DATA = "data";
    static final String ACCOUNT_IDS = "accountIds";
    static final String TRANSFER_ID = "transferId";

    private SnapshotDocuments() {
    }

    static Document toDocument(AuditSnapshot s) {
        Document doc = new Document(ID, s.eventId().toString())
                .append(TYPE, s.type().routingKey())
                .append(AGGREGATE_ID, s.aggregateId().toString())
                .append(SEQUENCE, s.sequence())
                .append(OCCURRED_AT, Date.from(s.occurredAt()))
                .append(OCCURRED_AT_EXACT, s.occurredAt().toString())
                .append(REQUEST_ID, s.requestId())
                .append(SOURCE, s.source())
                .append(TENANT_ID, s.tenantId())
                .append(ACTOR, s.actor())
                .append(RECEIVED_AT, Date.from(s.receivedAt()))
                .append(DATA, toBson(s.data()))
                .append(ACCOUNT_IDS, s.accountIds().stream().map(UUID::toString).toList());
        if (s.transferId() != null) {
            doc.append(TRANSFER_ID, s.transferId().toString());
        }
        return doc;
    }

    /** @throws IllegalStateException when the document is not one {@link #toDocument} wrote */
    static AuditSnapshot fromDocument(Document doc) {
        EventType type = EventType.fromRoutingKey(doc.getString(TYPE))
                .orElseThrow(() -> new IllegalStateException("unknown type in audit record " + doc.get(ID)));
        String exact = doc.getString(OCCURRED_AT_EXACT);
        Instant occurredAt = exact != null ? Instant.parse(exact) : doc.getDate(OCCURRED_AT).toInstant();
        String transferId = doc.getString(TRANSFER_ID);
        String tenant = doc.getString(TENANT_ID);
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) fromBson(doc.get(DATA, Document.class));
        return new AuditSnapshot(
                UUID.fromString(doc.getString(ID)),
                type,
                UUID.fromString(doc.getString(AGGREGATE_ID)),
                ((Number) doc.get(SEQUENCE)).longValue(),
                occurredAt,
                doc.getString(REQUEST_ID),
                doc.getString(SOURCE),
                tenant == null ? EventEnvelope.DEFAULT_TENANT : tenant,
                doc.getString(ACTOR),
                doc.getDate(RECEIVED_AT).toInstant(),
                data,
                doc.getList(ACCOUNT_IDS, String.class).stream().map(UUID::fromString).toList(),
                transferId == null ? null : UUID.fromString(transferId));
    }

    /**
     * The filter "belongs to the tenant": {@code tenantId} equal to it, and for the default tenant also a missing
     * {@code tenantId} ({@code $in: ["default", null]}, which an index on {@code tenantId} serves too).
     */
    static Bson tenantIs(String tenantId) {
        return EventEnvelope.DEFAULT_TENANT.equals(tenantId)
                ? Filters.in(TENANT_ID, Arrays.asList(EventEnvelope.DEFAULT_TENANT, null))
                : Filters.eq(TENANT_ID, tenantId);
    }

    /** A JSON tree (maps, lists, strings, numbers, booleans, nulls) as BSON values. */
    private static Object toBson(Object value) {
        if (value instanceof Map<?, ?> map) {
            Document doc = new Document();
            map.forEach((k, v) -> doc.append(String.valueOf(k), toBson(v)));
            return doc;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(toBson(v)));
            return out;
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Object) big.longValue() : big.toString();
        }
        return value;
    }

    /** BSON values back as a JSON tree. */
    private static Object fromBson(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), fromBson(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(fromBson(v)));
            return out;
        }
        if (value instanceof Date date) {
            return date.toInstant().toString();
        }
        if (value instanceof Decimal128 decimal) {
            return decimal.bigDecimalValue();
        }
        if (value instanceof ObjectId id) {
            return id.toHexString();
        }
        return value;
    }
}
