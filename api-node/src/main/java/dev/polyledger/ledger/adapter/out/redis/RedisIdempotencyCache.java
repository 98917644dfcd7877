package dev.polyledger.ledger.adapter.out.redis;

import dev.polyledger.ledger.domain.IdempotencyKey;
import dev.polyledger.ledger.domain.IdempotencyRecord;
import dev.polyledger.ledger.domain.RecordedAnswer;
import dev.polyledger.ledger.application.port.out.IdempotencyCache;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.json.JsonMapper;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link IdempotencyCache} in Redis. Keys: {@code ledger:idem2:<tenant>/<key>} holds a completed record as JSON
 * until it expires; {@code ledger:idem-lock:<tenant>/<key>} is the in-flight lock ({@code SET NX PX}), released only by its
 * owner (compare-and-delete script). A request's lookup-or-lock and its put-and-release are one Lua script each
 * (one round trip each, atomic). Every Redis failure degrades: a miss, or {@code Unavailable} for the
 * lock, counted in {@code ledger.idempotency.cache.errors}.
 */
@Singleton
class RedisIdempotencyCache implements IdempotencyCache {
    private static final Logger LOG = LoggerFactory.getLogger(RedisIdempotencyCache.class);
    /** v2: records keep the answer as (refusal, document), not as (HTTP status, body); v1 entries are left to expire. */
    private static final String RECORD = "ledger:idem2:";
    private static final String LOCK = "ledger:idem-lock:";
    private static final String RELEASE_IF_OWNER =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
    /** KEYS: record, lock; ARGV: token, ttl ms. Returns {1, record}, {2} lock taken, {3} lock held elsewhere. */
    private static final String FIND_OR_LOCK = """
            local cached = redis.call('get', KEYS[1])
            if cached then return {1, cached} end
            if redis.call('set', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return {2} end
            return {3}
            """;
    /** KEYS: record, lock; ARGV: record JSON, ttl ms (0: do not cache), our lock token ('' : none). */
    private static final String PUT_AND_RELEASE = """
            if tonumber(ARGV[2]) > 0 then redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
            if ARGV[3] ~= '' and redis.call('get', KEYS[2]) == ARGV[3] then redis.call('del', KEYS[2]) end
            return 1
            """;

    private final RedisConnections redis;
    private final JsonMapper json;
    private final Clock clock;
    private final Counter errors;

    RedisIdempotencyCache(RedisConnections redis, JsonMapper json, Clock clock, MeterRegistry meters) {
        this.redis = redis;
        this.json = json;
        this.clock = clock;
        this.errors = meters.counter("ledger.idempotency.cache.errors");
    }

    @Override
    public Optional<IdempotencyRecord> find(IdempotencyKey key) {
        return call(commands -> Optional.ofNullable(commands.get(RECORD + key)).map(text -> decode(key, text)),
                Optional.empty());
    }

    /** One asynchronous GET on the open connection; no connection, an error or a timeout: empty, counted. */
    @Override
    public CompletionStage<Optional<IdempotencyRecord>> findWithoutWaiting(IdempotencyKey key) {
        var commands = redis.asyncIfOpen();
        if (commands.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return commands.get().get(RECORD + key).toCompletableFuture()
                .thenApply(text -> Optional.ofNullable(text).map(found -> decode(key, found)))
                .exceptionally(failure -> {
                    errors.increment();
                    redis.reportFailure(failure instanceof Exception e ? e : new IllegalStateException(failure));
                    LOG.debug("idempotency cache unavailable for a replay, going on to PostgreSQL: {}", failure.toString());
                    return Optional.empty();
                });
    }

    @Override
    public void put(IdempotencyRecord record) {
        long ttlMillis = Duration.between(clock.instant(), record.expiresAt()).toMillis();
        if (ttlMillis <= 0) {
            return;
        }
        call(commands -> commands.set(RECORD + record.key(), encode(record), SetArgs.Builder.px(ttlMillis)), null);
    }

    @Override
    public LockAttempt tryLock(IdempotencyKey key, Duration ttl) {
        String token = UUID.randomUUID().toString();
        return call(commands -> {
            String ok = commands.set(LOCK + key, token, SetArgs.Builder.nx().px(ttl.toMillis()));
            return "OK".equals(ok) ? new LockAttempt.Acquired(key, token) : new LockAttempt.Held();
        }, new LockAttempt.Unavailable());
    }

    @Override
    public void release(LockAttempt.Acquired lock) {
        call(commands -> commands.<Long>eval(RELEASE_IF_OWNER, ScriptOutputType.INTEGER,
                new String[] {LOCK + lock.key()}, lock.token()), null);
    }

    /** One round trip: a Lua script (atomic in Redis) does the lookup and, on a miss, the lock. */
    @Override
    public Lookup findOrLock(IdempotencyKey key, Duration ttl) {
        String token = UUID.randomUUID().toString();
        return call(commands -> {
            List<Object> answer = commands.eval(FIND_OR_LOCK, ScriptOutputType.MULTI, new String[] {RECORD + key, LOCK + key},
                    token, String.valueOf(ttl.toMillis()));
            long outcome = (Long) answer.get(0);
            if (outcome == 1) {
                return new Lookup.Cached(decode(key, (String) answer.get(1)));
            }
            return new Lookup.NotCached(outcome == 2 ? new LockAttempt.Acquired(key, token) : new LockAttempt.Held());
        }, new Lookup.NotCached(new LockAttempt.Unavailable()));
    }

    /** One round trip: a Lua script caches the record and deletes the lock only if it still holds our token. */
    @Override
    public void putAndRelease(IdempotencyRecord record, LockAttempt lock) {
        long ttlMillis = Math.max(0, Duration.between(clock.instant(), record.expiresAt()).toMillis());
        String token = lock instanceof LockAttempt.Acquired acquired ? acquired.token() : "";
        call(commands -> commands.<Long>eval(PUT_AND_RELEASE, ScriptOutputType.INTEGER,
                new String[] {RECORD + record.key(), LOCK + record.key()}, encode(record), String.valueOf(ttlMillis), token), null);
    }

    private <T> T call(Function<RedisCommands<String, String>, T> command, T fallback) {
        Optional<RedisCommands<String, String>> commands = redis.commands();
        if (commands.isEmpty()) {
            errors.increment();
            return fallback;
        }
        try {
            return command.apply(commands.get());
        } catch (RuntimeException e) {
            errors.increment();
            redis.reportFailure(e);
            LOG.debug("idempotency cache unavailable, falling back to PostgreSQL: {}", e.toString());
            return fallback;
        }
    }

    private String encode(IdempotencyRecord r) {
        try {
            return json.writeValueAsString(new CachedRecord(r.fingerprint(), r.answer().refusal(), r.answer().document(),
                    r.createdAt().toEpochMilli(), r.expiresAt().toEpochMilli()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private IdempotencyRecord decode(IdempotencyKey key, String text) {
        try {
            var c = json.readValue(text, CachedRecord.class);
            return new IdempotencyRecord(key, c.fingerprint(), new RecordedAnswer(c.refusal(), c.document()),
                    Instant.ofEpochMilli(c.createdAt()), Instant.ofEpochMilli(c.expiresAt()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cached form of a record; times in epoch milliseconds. */
    @Serdeable
    record CachedRecord(String fingerprint, @Nullable String refusal, String document, long createdAt, long expiresAt) {
    }
}
