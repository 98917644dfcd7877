package dev.polyledger.ledger.application.service;

import dev.polyledger.ledger.application.port.in.ExecuteIdempotently;
import dev.polyledger.ledger.application.port.in.IdempotentRequest;
import dev.polyledger.ledger.application.port.in.PostingOutcome;
import dev.polyledger.ledger.application.port.in.Postings;
import dev.polyledger.ledger.application.port.out.IdempotencyCache;
import dev.polyledger.ledger.application.port.out.IdempotencyCache.LockAttempt;
import dev.polyledger.ledger.application.port.out.IdempotencyRecords;
import dev.polyledger.ledger.application.port.out.UnitOfWork;
import dev.polyledger.ledger.application.service.PostingPipeline.Answered;
import dev.polyledger.ledger.application.service.PostingPipeline.Replayed;
import dev.polyledger.ledger.domain.IdempotencyRecord;
import dev.polyledger.ledger.domain.RecordedAnswer;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Exactly-once execution per idempotency key, with PostgreSQL as the truth and the cache as an accelerator:
 * <ol>
 *   <li>{@link #replayFromCache}, before any of what follows and without blocking: a replay of the same request is
 *       answered from the cache on the caller's thread (the web adapter calls it on the event loop);</li>
 *   <li>an answer cached for the key is replayed (or the key refused as reused) without touching the database;</li>
 *   <li>the key's in-flight lock is taken in the cache; held by another request → {@code InFlight};
 *       cache down → go on without it;</li>
 *   <li>in one serializable transaction: a record already committed for the key is replayed; otherwise the
 *       operation runs and its answer is recorded with it. Money movements ({@link #post}) take the posting pipeline,
 *       possibly in a transaction shared with concurrent requests ({@link GroupCommit}), where the same key twice
 *       replays the first. Two racing requests that both missed the lock conflict on the key's row; the loser's
 *       retried transaction finds and replays the winner's record;</li>
 *   <li>the record is cached and the lock released.</li>
 * </ol>
 * Keys are kept for {@link IdempotencyPolicy#retention()} (default 24 hours); after that a key may be used afresh.
 */
@Singleton
public class IdempotencyService implements ExecuteIdempotently {
    /** Seconds a client is asked to wait (Retry-After) while the first request with its key is in flight. */
    static final long IN_FLIGHT_RETRY_AFTER_SECONDS = 1;

    private final IdempotencyRecords records;
    private final IdempotencyCache cache;
    private final UnitOfWork unitOfWork;
    private final Clock clock;
    private final IdempotencyPolicy policy;
    private final PostingPipeline pipeline;
    private final GroupCommit groups;

    public IdempotencyService(IdempotencyRecords records, IdempotencyCache cache, UnitOfWork unitOfWork, Clock clock,
                              IdempotencyPolicy policy, PostingPipeline pipeline, GroupCommit groups) {
        this.records = records;
        this.cache = cache;
        this.unitOfWork = unitOfWork;
        this.clock = clock;
        this.policy = policy;
        this.pipeline = pipeline;
        this.groups = groups;
    }

    @Override
    public Result execute(IdempotentRequest request, Supplier<RecordedAnswer> operation) {
        return once(request, () -> unitOfWork.inSerializableTransaction(request.accounts(), () -> {
            var now = LedgerTime.now(clock);
            var existing = records.find(request.key(), now);
            if (existing.isPresent()) {
                return new Stored(existing.get(), false);
            }
            var record = new IdempotencyRecord(request.key(), request.fingerprint(), operation.get(), now,
                    now.plus(policy.retention()));
            records.insert(record);
            return new Stored(record, true);
        }));
    }

    @Override
    public Result post(IdempotentRequest request, Postings postings, Function<PostingOutcome, RecordedAnswer> render) {
        return once(request, () -> {
            var unit = new PostingPipeline.Unit(request, pipeline.prepare(postings), render);
            var result = groups.commit(unit);
            if (result instanceof Replayed replayed) {
                return new Stored(replayed.record(), false);
            }
            return new Stored(((Answered) result).record(), true);
        });
    }

    @Override
    public CompletionStage<Optional<Result.Completed>> replayFromCache(IdempotentRequest request) {
        return cache.findWithoutWaiting(request.key()).thenApply(found -> found
                .filter(record -> record.expiresAt().isAfter(clock.instant()))
                .filter(record -> record.fingerprint().equals(request.fingerprint()))
                .map(record -> new Result.Completed(record.answer(), Result.Source.CACHE)));
    }

    private Result once(IdempotentRequest request, Supplier<Stored> inDatabase) {
        LockAttempt lock;
        var lookup = cache.findOrLock(request.key(), policy.lockTtl());
        if (lookup instanceof IdempotencyCache.Lookup.Cached cached) {
            if (cached.record().expiresAt().isAfter(clock.instant())) {
                return replay(cached.record(), request, Result.Source.CACHE);
            }
            lock = cache.tryLock(request.key(), policy.lockTtl());
        } else {
            lock = ((IdempotencyCache.Lookup.NotCached) lookup).lock();
        }
        if (lock instanceof LockAttempt.Held) {
            return new Result.InFlight(IN_FLIGHT_RETRY_AFTER_SECONDS);
        }
        boolean released = false;
        try {
            Stored stored = inDatabase.get();
            cache.putAndRelease(stored.record(), lock);
            released = true;
            return stored.fresh() ? new Result.Completed(stored.record().answer(), Result.Source.EXECUTED)
                    : replay(stored.record(), request, Result.Source.STORE);
        } finally {
            if (!released && lock instanceof LockAttempt.Acquired acquired) {
                cache.release(acquired);
            }
        }
    }

    /** Deletes expired records in batches; returns how many were deleted. */
    public int pruneExpired(int batchSize) {
        return records.deleteExpired(clock.instant(), batchSize);
    }

    private static Result replay(IdempotencyRecord record, IdempotentRequest request, Result.Source source) {
        if (!record.fingerprint().equals(request.fingerprint())) {
            return new Result.KeyReused();
        }
        return new Result.Completed(record.answer(), source);
    }

    private record Stored(IdempotencyRecord record, boolean fresh) {
    }
}
