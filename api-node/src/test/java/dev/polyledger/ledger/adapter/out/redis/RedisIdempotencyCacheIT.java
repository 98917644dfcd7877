package dev.polyledger.ledger.adapter.out.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.ledger.application.port.in.IdempotencyRecord;
import dev.polyledger.ledger.application.port.in.RecordedResponse;
import dev.polyledger.ledger.application.port.out.IdempotencyCache;
import dev.polyledger.ledger.application.port.out.IdempotencyCache.LockAttempt;
import dev.polyledger.ledger.testing.FreshDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Redis adapter against the real local Redis. */
@ExtendWith(FreshDatabase.class)
@MicronautTest(startApplication = false, transactional = false)
class RedisIdempotencyCacheIT {
    @Inject
    RedisIdempotencyCache cache;

    @Test
    void letsOneHolderTakeTheLockUntilItReleasesIt() {
        String key = UUID.randomUUID().toString();
        var first = cache.tryLock(key, Duration.ofSeconds(10));
        assertThat(first).isInstanceOf(LockAttempt.Acquired.class);
        assertThat(cache.tryLock(key, Duration.ofSeconds(10))).isInstanceOf(LockAttempt.Held.class);

        cache.release(new LockAttempt.Acquired(key, "someone-else"));
        assertThat(cache.tryLock(key, Duration.ofSeconds(10))).as("a stranger cannot release it").isInstanceOf(LockAttempt.Held.class);

        cache.release((LockAttempt.Acquired) first);
        assertThat(cache.tryLock(key, Duration.ofSeconds(10))).isInstanceOf(LockAttempt.Acquired.class);
    }

    @Test
    void lockExpiresWhenItsHolderDies() throws InterruptedException {
        String key = UUID.randomUUID().toString();
        assertThat(cache.tryLock(key, Duration.ofMillis(200))).isInstanceOf(LockAttempt.Acquired.class);
        Thread.sleep(400);
        assertThat(cache.tryLock(key, Duration.ofSeconds(1))).isInstanceOf(LockAttempt.Acquired.class);
    }

    @Test
    void cachesACompletedRecordUntilItExpires() {
        String key = UUID.randomUUID().toString();
        var now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var record = new IdempotencyRecord(key, "fp", new RecordedResponse(201, "{\"id\":\"x\"}"), now, now.plusSeconds(60));
        cache.put(record);

        var found = cache.find(key).orElseThrow();
        assertThat(found.fingerprint()).isEqualTo("fp");
        assertThat(found.response()).isEqualTo(record.response());
        assertThat(found.expiresAt()).isEqualTo(record.expiresAt());
        assertThat(cache.find(UUID.randomUUID().toString())).isEmpty();
    }

    @Test
    void findOrLockTakesTheLockOnAMissReportsItHeldAndReturnsACachedRecord() {
        String key = UUID.randomUUID().toString();
        var first = cache.findOrLock(key, Duration.ofSeconds(10));
        assertThat(first).isInstanceOf(IdempotencyCache.Lookup.NotCached.class);
        var lock = ((IdempotencyCache.Lookup.NotCached) first).lock();
        assertThat(lock).isInstanceOf(LockAttempt.Acquired.class);
        assertThat(cache.findOrLock(key, Duration.ofSeconds(10)))
                .isEqualTo(new IdempotencyCache.Lookup.NotCached(new LockAttempt.Held()));

        var now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var record = new IdempotencyRecord(key, "fp", new RecordedResponse(201, "{\"id\":\"x\"}"), now, now.plusSeconds(60));
        cache.putAndRelease(record, lock);

        var cached = cache.findOrLock(key, Duration.ofSeconds(10));
        assertThat(cached).isInstanceOf(IdempotencyCache.Lookup.Cached.class);
        assertThat(((IdempotencyCache.Lookup.Cached) cached).record().response()).isEqualTo(record.response());
        assertThat(cache.tryLock(key, Duration.ofSeconds(10))).as("putAndRelease released our lock")
                .isInstanceOf(LockAttempt.Acquired.class);
    }

    @Test
    void putAndReleaseLeavesAStrangersLockAlone() {
        String key = UUID.randomUUID().toString();
        assertThat(cache.tryLock(key, Duration.ofSeconds(10))).isInstanceOf(LockAttempt.Acquired.class);
        var now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var record = new IdempotencyRecord(key, "fp", new RecordedResponse(201, "{}"), now, now.plusSeconds(60));

        cache.putAndRelease(record, new LockAttempt.Acquired(key, "someone-else"));

        assertThat(cache.tryLock(key, Duration.ofSeconds(10))).isInstanceOf(LockAttempt.Held.class);
        assertThat(cache.find(key)).isPresent();
    }
}
