package dev.polyledger.notification.adapter.out.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.Sorts;
import dev.polyledger.notification.application.port.out.Deliveries;
import dev.polyledger.notification.domain.Delivery;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Deliveries} in the collection {@value #COLLECTION}: {@code _id} = {@code eventId:subscriptionId}, so a
 * redelivered event's insert fails with a duplicate key (always unique, even on mongo-java-server, which ignores
 * secondary indexes). The collection is a record, not a queue: new deliveries are one unordered {@code insertMany},
 * outcomes one unordered {@code bulkWrite} of {@code replaceOne}s (at most {@value #BATCH} per command), and the only
 * query that is not a listing is the read of the PENDING deliveries when the worker starts. Each delivery carries its
 * tenant ({@link Tenants}). Documents written by the earlier, leasing dispatcher keep a {@code leaseUntil} field,
 * which nothing reads any more.
 */
@Singleton
class MongoDeliveries implements Deliveries {
    private static final Logger LOG = LoggerFactory.getLogger(MongoDeliveries.class);
    static final String COLLECTION = "webhook_deliveries";
    static final int BATCH = 500;
    private static final InsertManyOptions UNORDERED_INSERT = new InsertManyOptions().ordered(false);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private final MongoCollection<Document> collection;

    MongoDeliveries(NotificationDatabase database) {
        this.collection = database.get().getCollection(COLLECTION);
        try {
            collection.createIndex(Indexes.ascending("status", "createdAt"));
            collection.createIndex(Indexes.ascending(Tenants.FIELD, "subscriptionId", "createdAt"));
        } catch (RuntimeException e) {
            LOG.warn("could not create the delivery indexes (queries still work, slower): {}", e.toString());
        }
    }

    static Document toDocument(Delivery d) {
        return new Document("_id", d.id()).append(Tenants.FIELD, d.tenantId())
                .append("subscriptionId", d.subscriptionId()).append("eventId", d.eventId())
                .append("eventType", d.eventType()).append("body", d.body()).append("status", d.status().name())
                .append("attempts", d.attempts()).append("lastResponseCode", d.lastResponseCode())
                .append("lastError", d.lastError()).append("nextAttemptAt", date(d.nextAttemptAt()))
                .append("createdAt", date(d.createdAt())).append("deliveredAt", date(d.deliveredAt()));
    }

    static Delivery fromDocument(Document d) {
        return new Delivery(d.getString("_id"), Tenants.of(d), d.getString("subscriptionId"), d.getString("eventId"),
                d.getString("eventType"), d.getString("body"), Delivery.Status.valueOf(d.getString("status")),
                d.getInteger("attempts", 0), d.getInteger("lastResponseCode"), d.getString("lastError"),
                instant(d.getDate("nextAttemptAt")), instant(d.getDate("createdAt")), instant(d.getDate("deliveredAt")));
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    /**
     * One unordered {@code insertMany}: each document is written or fails on its own; a duplicate key on {@code _id}
     * means "scheduled before" and leaves the delivery out of the answer.
     *
     * @throws MongoException any other failure (a write error other than a duplicate key included)
     */
    @Override
    public List<Delivery> scheduleAll(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return List.of();
        }
        try {
            collection.insertMany(deliveries.stream().map(MongoDeliveries::toDocument).toList(), UNORDERED_INSERT);
            return List.copyOf(deliveries);
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() != null) {
                throw e;
            }
            Set<Integer> duplicates = new HashSet<>();
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                duplicates.add(error.getIndex());
            }
            List<Delivery> stored = new ArrayList<>();
            for (int i = 0; i < deliveries.size(); i++) {
                if (!duplicates.contains(i)) {
                    stored.add(deliveries.get(i));
                }
            }
            return stored;
        }
    }

    @Override
    public List<Delivery> pendingCreatedBefore(Instant before) {
        List<Delivery> found = new ArrayList<>();
        for (Document d : collection.find(Filters.and(Filters.eq("status", Delivery.Status.PENDING.name()),
                Filters.lt("createdAt", Date.from(before))))) {
            found.add(fromDocument(d));
        }
        return found;
    }

    @Override
    public void updateAll(Collection<Delivery> deliveries) {
        List<ReplaceOneModel<Document>> writes = deliveries.stream()
                .map(d -> new ReplaceOneModel<>(Filters.eq("_id", d.id()), toDocument(d))).toList();
        for (int from = 0; from < writes.size(); from += BATCH) {
            collection.bulkWrite(writes.subList(from, Math.min(writes.size(), from + BATCH)), UNORDERED);
        }
    }

    @Override
    public List<Delivery> ofSubscription(String tenantId, String subscriptionId, int limit) {
        List<Delivery> found = new ArrayList<>();
        var filter = Filters.and(Filters.eq("subscriptionId", subscriptionId), Tenants.is(tenantId));
        for (Document d : collection.find(filter)
                .sort(Sorts.descending("createdAt", "_id")).limit(limit)) {
            found.add(fromDocument(d));
        }
        return found;
    }
}
