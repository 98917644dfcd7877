package dev.polyledger.notification.adapter.out.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.polyledger.notification.application.port.out.Subscriptions;
import dev.polyledger.notification.domain.Subscription;
import dev.polyledger.platform.mongo.MongoInserts;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Subscriptions} in the collection {@value #COLLECTION}; {@code _id} is the subscription id. A document:
 * <pre>
 * {_id, tenantId, url, eventTypes: [...], secret, previousSecrets: [{secret, expiresAt (date)}...], description,
 *  status, createdAt (date)}
 * </pre>
 * Every tenant-scoped method puts the tenant into the filter ({@link Tenants#is}); the index
 * {@code {tenantId: 1, createdAt: 1, _id: 1}} serves the listing that every event's scheduling does (ignored by
 * dev-mongo, which scans).
 */
@Singleton
class MongoSubscriptions implements Subscriptions {
    private static final Logger LOG = LoggerFactory.getLogger(MongoSubscriptions.class);
    static final String COLLECTION = "webhook_subscriptions";
    private final MongoCollection<Document> collection;

    MongoSubscriptions(NotificationDatabase database) {
        this.collection = database.get().getCollection(COLLECTION);
        try {
            collection.createIndex(Indexes.ascending(Tenants.FIELD, "createdAt", "_id"));
        } catch (RuntimeException e) {
            LOG.warn("could not create the subscription index (queries still work, slower): {}", e.toString());
        }
    }

    static Document toDocument(Subscription s) {
        return new Document("_id", s.id()).append(Tenants.FIELD, s.tenantId()).append("url", s.url())
                .append("eventTypes", s.eventTypes()).append("secret", s.secret())
                .append("previousSecrets", previous(s)).append("description", s.description())
                .append("status", s.status().name()).append("createdAt", Date.from(s.createdAt()));
    }

    private static List<Document> previous(Subscription s) {
        return s.previousSecrets().stream().map(p -> new Document("secret", p.secret())
                .append("expiresAt", Date.from(p.expiresAt()))).toList();
    }

    static Subscription fromDocument(Document d) {
        List<Subscription.PreviousSecret> previous = new ArrayList<>();
        List<Document> stored = d.getList("previousSecrets", Document.class);
        if (stored != null) {
            stored.forEach(p -> previous.add(new Subscription.PreviousSecret(p.getString("secret"),
                    p.getDate("expiresAt").toInstant())));
        }
        return new Subscription(d.getString("_id"), Tenants.of(d), d.getString("url"),
                d.getList("eventTypes", String.class), d.getString("secret"), previous, d.getString("description"),
                Subscription.Status.valueOf(d.getString("status")), d.getDate("createdAt").toInstant());
    }

    @Override
    public boolean add(Subscription subscription) {
        return MongoInserts.insertIfAbsent(collection, toDocument(subscription));
    }

    @Override
    public Optional<Subscription> find(String tenantId, String id) {
        return Optional.ofNullable(collection.find(Filters.and(Filters.eq("_id", id), Tenants.is(tenantId))).first())
                .map(MongoSubscriptions::fromDocument);
    }

    @Override
    public List<Subscription> ofTenant(String tenantId) {
        List<Subscription> found = new ArrayList<>();
        for (Document d : collection.find(Tenants.is(tenantId)).sort(Sorts.ascending("createdAt", "_id"))) {
            found.add(fromDocument(d));
        }
        return found;
    }

    @Override
    public boolean remove(String tenantId, String id) {
        return collection.deleteOne(Filters.and(Filters.eq("_id", id), Tenants.is(tenantId))).getDeletedCount() > 0;
    }

    @Override
    public boolean replaceSecrets(Subscription rotated, String expectedSecret) {
        return collection.updateOne(
                Filters.and(Filters.eq("_id", rotated.id()), Tenants.is(rotated.tenantId()),
                        Filters.eq("secret", expectedSecret)),
                Updates.combine(Updates.set("secret", rotated.secret()),
                        Updates.set("previousSecrets", previous(rotated)))).getMatchedCount() > 0;
    }

    @Override
    public void disable(String id) {
        collection.updateOne(Filters.eq("_id", id), Updates.set("status", Subscription.Status.DISABLED.name()));
    }
}
