package dev.polyledger.notification.adapter.out.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.polyledger.events.EventEnvelope;
import dev.polyledger.notification.application.port.out.IdempotencyKeys;
import dev.polyledger.platform.mongo.MongoInserts;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Date;
import java.util.HexFormat;
import java.util.Optional;
import org.bson.Document;

/**
 * {@link IdempotencyKeys} in the collection {@value #COLLECTION}, one document per tenant and key:
 * {@code _id} = hex SHA-256 of {@code tenantId + NUL + key} (unique on any MongoDB-compatible server, and
 * unambiguous whatever characters a tenant id or key holds), with {@code tenantId}, {@code key}, the fingerprint and
 * the created subscription. Documents written before tenants existed have the bare key as {@code _id} and no
 * {@code tenantId}: they are the default tenant's, found by a second lookup. Keys are kept (no expiry yet).
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

    static String idOf(String tenantId, String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((tenantId + "\u0000" + key).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Optional<Entry> find(String tenantId, String key) {
        Document d = collection.find(Filters.eq("_id", idOf(tenantId, key))).first();
        if (d == null && EventEnvelope.DEFAULT_TENANT.equals(tenantId)) {
            d = collection.find(Filters.and(Filters.eq("_id", key), Filters.exists(Tenants.FIELD, false))).first();
        }
        return Optional.ofNullable(d).map(doc -> new Entry(tenantId, key, doc.getString("fingerprint"),
                MongoSubscriptions.fromDocument(doc.get("subscription", Document.class)),
                Boolean.TRUE.equals(doc.getBoolean("completed"))));
    }

    @Override
    public boolean claim(Entry entry) {
        return MongoInserts.insertIfAbsent(collection, new Document("_id", idOf(entry.tenantId(), entry.key()))
                .append(Tenants.FIELD, entry.tenantId()).append("key", entry.key())
                .append("fingerprint", entry.fingerprint())
                .append("subscription", MongoSubscriptions.toDocument(entry.created()))
                .append("completed", entry.completed()).append("createdAt", Date.from(clock.instant())));
    }

    @Override
    public void complete(String tenantId, String key) {
        var result = collection.updateOne(Filters.eq("_id", idOf(tenantId, key)), Updates.set("completed", true));
        if (result.getMatchedCount() == 0 && EventEnvelope.DEFAULT_TENANT.equals(tenantId)) {
            collection.updateOne(Filters.and(Filters.eq("_id", key), Filters.exists(Tenants.FIELD, false)),
                    Updates.set("completed", true));
        }
    }
}
