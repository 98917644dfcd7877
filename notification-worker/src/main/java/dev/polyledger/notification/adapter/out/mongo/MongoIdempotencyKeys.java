package dev.polyledger.notification.adapter.out.mongo;

import dev.polyledger.platform.mongo.MongoInserts;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.polyledger.notification.application.port.out.IdempotencyKeys;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;

/**
 * {@link IdempotencyKeys} in the collection {@value #COLLECTION}: {@code _id} is the key (unique on any
 * MongoDB-compatible server), with the fingerprint and the created subscription embedded. Keys are kept (no expiry
 * yet).
 */
@Singleton
class MongoIdempotencyKeys implements IdempotencyKeys {
    static final String COLLECTION = "webhook_idempotency_keys";
    private final MongoCollection<Document> collection;
    private final Clock clock;

    MongoIdempotencyKeys(NotificationDatabase database, Clock clock) {
        this.collection = database.get().getCollection(COLLECTION);
        this.clock = clock;
    }

    @Override
    public Optional<Entry> find(String key) {
        Document d = collection.find(Filters.eq("_id", key)).first();
        return Optional.ofNullable(d).map(doc -> new Entry(doc.getString("_id"), doc.getString("fingerprint"),
                MongoSubscriptions.fromDocument(doc.get("subscription", Document.class)),
                Boolean.TRUE.equals(doc.getBoolean("completed"))));
    }

    @Override
    public boolean claim(Entry entry) {
        return MongoInserts.insertIfAbsent(collection, new Document("_id", entry.key()).append("fingerprint", entry.fingerprint())
                .append("subscription", MongoSubscriptions.toDocument(entry.created()))
                .append("completed", entry.completed()).append("createdAt", Date.from(clock.instant())));
    }

    @Override
    public void complete(String key) {
        collection.updateOne(Filters.eq("_id", key), Updates.set("completed", true));
    }
}
