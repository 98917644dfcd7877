package dev.polyledger.ledger.application.port.out;

import dev.polyledger.ledger.domain.IdempotencyKey;
import dev.polyledger.ledger.domain.IdempotencyRecord;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A fast cache of completed idempotent responses and the in-flight lock of a key. Never the source of
 * truth: every method degrades to "not cached" / {@link LockAttempt.Unavailable} instead of failing
 * when the cache is down, and the durable {@link IdempotencyRecords} keep every guarantee.
 */
public interface IdempotencyCache {

    Optional<IdempotencyRecord> find(IdempotencyKey key);

    /**
     * {@link #find} without blocking the calling thread (an event loop may call it): the stage completes when the
     * cache answers, with empty when it has nothing for the key or cannot be reached right now (never exceptionally,
     * and without opening a connection). The default answers {@link #find} at once, for caches in memory.
     */
    default CompletionStage<Optional<IdempotencyRecord>> findWithoutWaiting(IdempotencyKey key) {
        return CompletableFuture.completedFuture(find(key));
    }

    /** Caches a completed record until it expires. */
    void put(IdempotencyRecord record);

    /** Tries to take the in-flight lock of a key for at most {@code ttl}. */
    LockAttempt tryLock(IdempotencyKey key, Duration ttl);

    /** Releases a lock taken by {@link #tryLock}, only if it is still ours. */
    void release(LockAttempt.Acquired lock);

    /**
     * {@link #find} and, when nothing is cached, {@link #tryLock}: in one round trip where the cache can.
     *
     * @param ttl lifetime of the lock when it is taken
     */
    default Lookup findOrLock(IdempotencyKey key, Duration ttl) {
        Optional<IdempotencyRecord> cached = find(key);
        return cached.isPresent() ? new Lookup.Cached(cached.get()) : new Lookup.NotCached(tryLock(key, ttl));
    }

    /** {@link #put} the completed record, then {@link #release} the lock if we hold it: in one round trip where the cache can. */
    default void putAndRelease(IdempotencyRecord record, LockAttempt lock) {
        put(record);
        if (lock instanceof LockAttempt.Acquired acquired) {
            release(acquired);
        }
    }

    /** The result of {@link #findOrLock}. */
    sealed interface Lookup {
        /** A completed record is cached for the key (no lock was tried). */
        record Cached(IdempotencyRecord record) implements Lookup {
        }

        /** Nothing cached; the outcome of trying the key's in-flight lock. */
        record NotCached(LockAttempt lock) implements Lookup {
        }
    }

    /** The result of {@link #tryLock}. */
    sealed interface LockAttempt {
        /** We hold the lock. */
        record Acquired(IdempotencyKey key, String token) implements LockAttempt {
        }

        /** Another request holds it. */
        record Held() implements LockAttempt {
        }

        /** The cache cannot be reached; proceed without a lock (the database still guarantees exactly-once). */
        record Unavailable() implements LockAttempt {
        }
    }
}
