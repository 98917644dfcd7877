package dev.polyledger.platform.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import org.bson.Document;

/** Inserts keyed by {@code _id} where "already there" is an answer, not a failure (idempotent writes). */
public final class MongoInserts {
    private MongoInserts() {
    }

    /**
     * Inserts the document unless one with its {@code _id} exists.
     *
     * @return true when inserted, false when the {@code _id} was taken (a duplicate-key error)
     * @throws MongoWriteException for any other write error
     */
    public static boolean insertIfAbsent(MongoCollection<Document> collection, Document document) {
        try {
            collection.insertOne(document);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }
}
