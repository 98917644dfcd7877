package dev.polyledger.notification.adapter.out.mongo;

import dev.polyledger.platform.mongo.MongoInserts;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.polyledger.notification.application.port.out.Subscriptions;
import dev.polyledger.notification.domain.Subscription;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/** {@link Subscriptions} in the collection {@value #COLLECTION}; {@code _id} is the subscription id. */
@Singleton
class MongoSubscriptions implements Subscriptions {
    static final String COLLECTION = "webhook_subscriptions";
    private final MongoCollection<Document> collection;

    MongoSubscriptions(NotificationDatabase database) {
        this.collection = database.get().getCollection(COLLECTION);
    }

    static Document toDocument(Subscription s) {
        return new Document("_id", s.id()).append("url", s.url()).append("eventTypes", s.eventTypes())
                .append("secret", s.secret()).append("description", s.description())
                .append("status", s.status().name()).append("createdAt", Date.from(s.createdAt()));
    }

    static Subscription fromDocument(Document d) {
        return new Subscription(d.getString("_id"), d.getString("url"), d.getList("eventTypes", String.class),
                d.getString("secret"), d.getString("description"), Subscription.Status.valueOf(d.getString("status")),
                d.getDate("createdAt").toInstant());
    }

    @Override
    public boolean add(Subscription subscription) {
        return MongoInserts.insertIfAbsent(collection, toDocument(subscription));
    }

    @Override
    public Optional<Subscription> find(String id) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", id)).first()).map(MongoSubscriptions::fromDocument);
    }

    @Override
    public List<Subscription> all() {
        List<Subscription> all = new ArrayList<>();
        for (Document d : collection.find().sort(Sorts.ascending("createdAt", "_id"))) {
            all.add(fromDocument(d));
        }
        return all;
    }

    @Override
    public boolean remove(String id) {
        return collection.deleteOne(Filters.eq("_id", id)).getDeletedCount() > 0;
    }

    @Override
    public void disable(String id) {
        collection.updateOne(Filters.eq("_id", id), Updates.set("status", Subscription.Status.DISABLED.name()));
    }
}
