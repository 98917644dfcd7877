package dev.polyledger.audit.adapter.out.mongo;

import dev.polyledger.platform.mongo.MongoInserts;
import dev.polyledger.platform.mongo.MongoOutage;
import static dev.polyledger.audit.adapter.out.mongo.SnapshotDocuments.ACCOUNT_IDS;
import static dev.polyledger.audit.adapter.out.mongo.SnapshotDocuments.ID;
import static dev.polyledger.audit.adapter.out.mongo.SnapshotDocuments.OCCURRED_AT;
import static dev.polyledger.audit.adapter.out.mongo.SnapshotDocuments.TRANSFER_ID;
import static dev.polyledger.audit.adapter.out.mongo.SnapshotDocuments.TYPE;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Sorts;
import dev.polyledger.audit.application.port.in.AuditEventQuery;
import dev.polyledger.audit.application.port.out.AddResult;
import dev.polyledger.audit.application.port.out.AuditRecords;
import dev.polyledger.audit.config.AuditProperties;
import dev.polyledger.audit.application.port.out.AuditStoreUnavailableException;
import dev.polyledger.audit.domain.AuditSnapshot;
import dev.polyledger.events.EventType;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bson.BsonInvalidOperationException;
import org.bson.BsonSerializationException;
import org.bson.Document;
import org.bson.codecs.configuration.CodecConfigurationException;
import org.bson.conversions.Bson;

/**
 * {@link AuditRecords} in the MongoDB collection {@value #COLLECTION} of database {@code audit.mongodb.database}
 * (env {@code AUDIT_MONGODB_DATABASE}, default {@code audit}), through the synchronous driver (blocking).
 *
 * <p>Exactly one document per event: {@code _id} is the event id, and a redelivered event's insert fails with a
 * duplicate-key error (code 11000), read as "already stored". This holds on any MongoDB-compatible server, since
 * {@code _id} is always unique. A batch is one unordered {@code insertMany}. The query indexes are
 * {@link AuditIndexes}'.
 */
@Singleton
class MongoAuditRecords implements AuditRecords {
    static final String COLLECTION = "audit_events";
    private static final InsertManyOptions UNORDERED = new InsertManyOptions().ordered(false);
    private static final AddResult ADDED = new AddResult.Added();
    private static final AddResult ALREADY_PRESENT = new AddResult.AlreadyPresent();

    private final MongoCollection<Document> events;
    private final long maxTimeMillis;

    MongoAuditRecords(MongoClient client, AuditProperties.Mongodb settings, AuditProperties.Query query) {
        this.events = client.getDatabase(settings.database()).getCollection(COLLECTION);
        this.maxTimeMillis = query.maxTime().toMillis();
    }

    MongoCollection<Document> collection() {
        return events;
    }

    /**
     * One unordered {@code insertMany} for the batch: each document is written or fails on its own, and a
     * duplicate-key error (11000) on {@code _id} means "already present". Any other write error refuses that
     * document. When the batch as a whole fails for something other than unavailability (a document the driver
     * cannot encode, a server that refuses the command), the documents are inserted one at a time so that each
     * gets its own answer.
     */
    @Override
    public List<AddResult> addAll(List<AuditSnapshot> snapshots) {
        List<Document> docs = snapshots.stream().map(SnapshotDocuments::toDocument).toList();
        List<AddResult> results = new ArrayList<>(Collections.nCopies(docs.size(), ADDED));
        try {
            events.insertMany(docs, UNORDERED);
            return results;
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() != null) {
                throw new AuditStoreUnavailableException("MongoDB did not confirm the write: "
                        + e.getWriteConcernError().getMessage(), e);
            }
            for (BulkWriteError error : e.getWriteErrors()) {
                results.set(error.getIndex(), error.getCategory() == ErrorCategory.DUPLICATE_KEY ? ALREADY_PRESENT
                        : refused(snapshots.get(error.getIndex()), error.getCode(), error.getMessage()));
            }
            return results;
        } catch (MongoException e) {
            if (MongoOutage.isOutage(e)) {
                throw translate(e);
            }
            return addOneByOne(snapshots, docs);
        } catch (BsonSerializationException | BsonInvalidOperationException | CodecConfigurationException
                 | IllegalArgumentException e) {
            return addOneByOne(snapshots, docs);
        }
    }

    private List<AddResult> addOneByOne(List<AuditSnapshot> snapshots, List<Document> docs) {
        List<AddResult> results = new ArrayList<>(docs.size());
        for (int i = 0; i < docs.size(); i++) {
            results.add(addOne(snapshots.get(i), docs.get(i)));
        }
        return results;
    }

    private AddResult addOne(AuditSnapshot snapshot, Document doc) {
        try {
            return MongoInserts.insertIfAbsent(events, doc) ? ADDED : ALREADY_PRESENT;
        } catch (MongoWriteException e) {
            return refused(snapshot, e.getError().getCode(), e.getError().getMessage());
        } catch (BsonSerializationException | BsonInvalidOperationException | CodecConfigurationException
                 | IllegalArgumentException e) {
            return new AddResult.Refused("the snapshot of event " + snapshot.eventId()
                    + " cannot be written as BSON: " + e.getMessage());
        } catch (MongoException e) {
            throw translate(e);
        }
    }

    private static AddResult refused(AuditSnapshot snapshot, int code, String message) {
        return new AddResult.Refused("MongoDB refused the snapshot of event " + snapshot.eventId() + ": " + code
                + " " + message);
    }

    /**
     * One {@code find} with the criteria, newest first, at most {@code max} documents, and a server-side
     * {@code maxTimeMS} of {@code audit.query.max-time} (exceeded: {@link AuditStoreUnavailableException}, 503).
     * With a real MongoDB the {@link AuditIndexes} serve it; dev-mongo scans the collection but holds only the page.
     */
    @Override
    public List<AuditSnapshot> find(AuditEventQuery query, int max) {
        List<Bson> criteria = new ArrayList<>();
        criteria.add(SnapshotDocuments.tenantIs(query.tenantId()));
        if (query.accountId() != null) {
            criteria.add(Filters.eq(ACCOUNT_IDS, query.accountId().toString()));
        }
        if (query.transferId() != null) {
            criteria.add(Filters.eq(TRANSFER_ID, query.transferId().toString()));
        }
        if (query.type() != null) {
            criteria.add(Filters.eq(TYPE, query.type().routingKey()));
        }
        if (query.from() != null) {
            criteria.add(Filters.gte(OCCURRED_AT, Date.from(query.from())));
        }
        if (query.to() != null) {
            criteria.add(Filters.lt(OCCURRED_AT, Date.from(query.to())));
        }
        if (query.after() != null) {
            Date at = Date.from(query.after().occurredAt());
            criteria.add(Filters.or(
                    Filters.lt(OCCURRED_AT, at),
                    Filters.and(Filters.eq(OCCURRED_AT, at), Filters.lt(ID, query.after().eventId().toString()))));
        }
        Bson filter = Filters.and(criteria);
        return call(() -> {
            List<AuditSnapshot> found = new ArrayList<>();
            events.find(filter).sort(Sorts.descending(OCCURRED_AT, ID)).limit(max)
                    .maxTime(maxTimeMillis, TimeUnit.MILLISECONDS)
                    .forEach(doc -> found.add(SnapshotDocuments.fromDocument(doc)));
            return found;
        });
    }

    @Override
    public Optional<AuditSnapshot> findTransferPosted(String tenantId, UUID transferId) {
        return call(() -> Optional.ofNullable(events.find(Filters.and(
                        SnapshotDocuments.tenantIs(tenantId),
                        Filters.eq(TRANSFER_ID, transferId.toString()),
                        Filters.eq(TYPE, EventType.TRANSFER_POSTED.routingKey()))).first())
                .map(SnapshotDocuments::fromDocument));
    }

    /**
     * One {@code find} of the tenant's {@code transfer.posted} documents in the window, unsorted (so dev-mongo holds
     * no sort buffer), with the query's {@code maxTimeMS}; served by the index {@code {tenantId, type, occurredAt}} on
     * MongoDB.
     */
    @Override
    public List<AuditSnapshot> transfersPosted(String tenantId, Instant from, Instant to) {
        return list(Filters.and(SnapshotDocuments.tenantIs(tenantId),
                Filters.eq(TYPE, EventType.TRANSFER_POSTED.routingKey()),
                Filters.gte(OCCURRED_AT, Date.from(from)), Filters.lt(OCCURRED_AT, Date.from(to))));
    }

    /** One {@code find} with {@code transferId $in [...]}; served by the index {@code {tenantId, transferId}}. */
    @Override
    public List<AuditSnapshot> transfersPosted(String tenantId, Collection<UUID> transferIds) {
        if (transferIds.isEmpty()) {
            return List.of();
        }
        return list(Filters.and(SnapshotDocuments.tenantIs(tenantId),
                Filters.in(TRANSFER_ID, transferIds.stream().map(UUID::toString).toList()),
                Filters.eq(TYPE, EventType.TRANSFER_POSTED.routingKey())));
    }

    private List<AuditSnapshot> list(Bson filter) {
        return call(() -> {
            List<AuditSnapshot> found = new ArrayList<>();
            events.find(filter).maxTime(maxTimeMillis, TimeUnit.MILLISECONDS)
                    .forEach(doc -> found.add(SnapshotDocuments.fromDocument(doc)));
            return found;
        });
    }

    private static <T> T call(Supplier<T> read) {
        try {
            return read.get();
        } catch (MongoException e) {
            throw translate(e);
        }
    }

    /** Unavailability ({@link MongoOutage}: no server, timeouts, failover, lost write concern) as the port's exception; the rest as is. */
    static RuntimeException translate(MongoException e) {
        if (MongoOutage.isOutage(e)) {
            return new AuditStoreUnavailableException("MongoDB unavailable: " + e.getMessage(), e);
        }
        return e;
    }
}
