package dev.polyledger.ledger.application;

import dev.polyledger.ledger.domain.IdempotencyKey;
import dev.polyledger.ledger.domain.IdempotencyRecord;
import dev.polyledger.ledger.application.port.out.IdempotencyRecords;
import dev.polyledger.ledger.application.port.out.TransientConflictException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable idempotency records in memory, with the conflict semantics of the port: inserting over a live
 * record throws {@link TransientConflictException}. {@link #commitConcurrentlyAfterNextFind} simulates a
 * racing request with the same key that commits right after this one looked and found nothing.
 */
public final class InMemoryIdempotencyRecords implements IdempotencyRecords {
    private final Map<IdempotencyKey, IdempotencyRecord> records = new LinkedHashMap<>();
    private IdempotencyRecord racingWinner;
    private int finds;
    private int inserts;

    @Override
    public Optional<IdempotencyRecord> find(IdempotencyKey key, Instant now) {
        finds++;
        Optional<IdempotencyRecord> live = Optional.ofNullable(records.get(key))
                .filter(record -> record.expiresAt().isAfter(now));
        if (racingWinner != null) {
            records.put(racingWinner.key(), racingWinner);
            racingWinner = null;
        }
        return live;
    }

    @Override
    public void insert(IdempotencyRecord record) {
        inserts++;
        IdempotencyRecord existing = records.get(record.key());
        if (existing != null && existing.expiresAt().isAfter(record.createdAt())) {
            throw new TransientConflictException("idempotency key " + record.key() + " was recorded concurrently");
        }
        records.put(record.key(), record);
    }

    @Override
    public int deleteExpired(Instant now, int batchSize) {
        var expired = records.values().stream()
                .filter(record -> !record.expiresAt().isAfter(now))
                .map(IdempotencyRecord::key)
                .limit(batchSize)
                .toList();
        expired.forEach(records::remove);
        return expired.size();
    }

    /** The next {@link #find} sees no record, and right after it {@code winner} is committed by "another node". */
    public void commitConcurrentlyAfterNextFind(IdempotencyRecord winner) {
        this.racingWinner = winner;
    }

    public List<IdempotencyRecord> all() {
        return List.copyOf(records.values());
    }

    public int finds() {
        return finds;
    }

    public int inserts() {
        return inserts;
    }
}
