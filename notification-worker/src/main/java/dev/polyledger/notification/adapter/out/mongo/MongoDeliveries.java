package dev.polyledger.notification.adapter.out.mongo;

import dev.polyledger.platform.mongo.MongoInserts;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.polyledger.notification.application.port.out.Deliveries;
import dev.polyledger.notification.domain.Delivery;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Deliveries} in the collection {@value #COLLECTION}: {@code _id} = {@code eventId:subscriptionId}, so a
 * redelivered event's insert fails with a duplicate key (always unique, even on mongo-java-server, which ignores
 * secondary indexes). {@code leaseUntil} is the epoch when not leased; leasing is one {@code findOneAndUpdate}, atomic
 * per document, so two workers never take the same delivery. Each delivery carries its tenant ({@link Tenants});
 * leasing is the worker's own business and spans every tenant.
 */
@Singleton
class MongoDeliveries implements Deliveries {
    private static final Logger LOG = LoggerFactory.getLogger(MongoDeliveries.class);
    static final String COLLECTION = "webhook_deliveries";
    private static final Date NOT_LEASED = new Date(0);
    private final MongoCollection<Document> collection;

    MongoDeliveries(NotificationDatabase database) {
        this.collection = database.get().getCollection(COLLECTION);
        try {
            collection.createIndex(Indexes.ascending("status", "nextAttemptAt"));
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
                .append("createdAt", date(d.createdAt())).append("deliveredAt", date(d.deliveredAt()))
                .append("leaseUntil", NOT_LEASED);
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

    @Override
    public boolean schedule(Delivery delivery) {
        return MongoInserts.insertIfAbsent(collection, toDocument(delivery));
    }

    @Override
    public Optional<Delivery> leaseDue(Instant now, Instant leaseUntil, Set<String> skippedSubscriptions) {
        List<Bson> filters = new ArrayList<>(List.of(
                Filters.eq("status", Delivery.Status.PENDING.name()),
                Filters.lte("nextAttemptAt", Date.from(now)),
                Filters.lte("leaseUntil", Date.from(now))));
        if (!skippedSubscriptions.isEmpty()) {
            filters.add(Filters.nin("subscriptionId", skippedSubscriptions));
        }
        Document leased = collection.findOneAndUpdate(Filters.and(filters), Updates.set("leaseUntil", Date.from(leaseUntil)),
                new FindOneAndUpdateOptions().sort(Sorts.ascending("nextAttemptAt")).returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(leased).map(MongoDeliveries::fromDocument);
    }

    @Override
    public void update(Delivery delivery) {
        collection.replaceOne(Filters.eq("_id", delivery.id()), toDocument(delivery));
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
