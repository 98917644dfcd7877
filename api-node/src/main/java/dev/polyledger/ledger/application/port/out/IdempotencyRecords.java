package dev.polyledger.ledger.application.port.out;

import dev.polyledger.ledger.domain.IdempotencyKey;
import dev.polyledger.ledger.domain.IdempotencyRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The durable record of completed idempotent requests, in the same database as the money. */
public interface IdempotencyRecords {

    /** The live (not yet expired at {@code now}) record of a key. */
    Optional<IdempotencyRecord> find(IdempotencyKey key, Instant now);

    /** The live records of any of {@code keys}, by key (absent keys have none); one read for all. */
    default Map<IdempotencyKey, IdempotencyRecord> findAll(Collection<IdempotencyKey> keys, Instant now) {
        var found = new HashMap<IdempotencyKey, IdempotencyRecord>();
        for (IdempotencyKey key : keys) {
            find(key, now).ifPresent(record -> found.put(key, record));
        }
        return found;
    }

    /**
     * Stores a record in the current transaction, replacing an expired one of the same key.
     *
     * @throws TransientConflictException when a live record of the key exists (a concurrent request with
     *                                    the same key committed first); the retried transaction replays it
     */
    void insert(IdempotencyRecord record);

    /** Deletes up to {@code batchSize} records expired before {@code now}; returns how many. */
    int deleteExpired(Instant now, int batchSize);
}
