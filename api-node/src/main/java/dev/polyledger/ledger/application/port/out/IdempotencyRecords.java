package dev.polyledger.ledger.application.port.out;

import dev.polyledger.ledger.application.port.in.IdempotencyKey;
import dev.polyledger.ledger.application.port.in.IdempotencyRecord;
import java.time.Instant;
import java.util.Optional;

/** The durable record of completed idempotent requests, in the same database as the money. */
public interface IdempotencyRecords {

    /** The live (not yet expired at {@code now}) record of a key. */
    Optional<IdempotencyRecord> find(IdempotencyKey key, Instant now);

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
