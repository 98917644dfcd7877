package dev.polyledger.ledger.adapter.out.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.ledger.domain.IdempotencyKey;
import dev.polyledger.ledger.domain.IdempotencyRecord;
import dev.polyledger.ledger.domain.RecordedAnswer;
import dev.polyledger.ledger.application.port.out.IdempotencyCache;
import dev.polyledger.ledger.application.port.out.IdempotencyCache.LockAttempt;
import dev.polyledger.ledger.domain.TenantId;
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
    private static final TenantId ACME = new TenantId("acme");
    private static final TenantId GLOBEX = new TenantId("globex");

    @Inject
    RedisIdempotencyCache cache;

    @Test
    void keepsTheSameKeyOfTwoTenantsApart() {
        IdempotencyKey acme = newKey(ACME);
        IdempotencyKey globex = new IdempotencyKey(GLOBEX, acme.value());
        var now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        cache.put(new IdempotencyRecord(acme, "fp", RecordedAnswer.done("{}"), now, now.plusSeconds(60)));

        assertThat(cache.find(acme)).isPresent();
        assertThat(cache.find(globex)).isEmpty();
        assertThat(cache.tryLock(globex, Duration.ofSeconds(10))).isInstanceOf(LockAttempt.Acquired.class);
        assertThat(cache.tryLock(acme, Duration.ofSeconds(10))).isInstanceOf(LockAttempt.Acquired.class);
    }

    private static IdempotencyKey newKey(TenantId tenant) {
        return new IdempotencyKey(tenant, UUID.randomUUID().toString());
    }

    @Test
    void letsOneHolderTakeTheLockUntilItReleasesIt() {
        IdempotencyKey key = newKey(ACME);
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
        IdempotencyKey key = newKey(ACME);
        assertThat(cache.tryLock(key, Duration.ofMillis(200))).isInstanceOf(LockAttempt.Acquired.class);
        Thread.sleep(400);
        assertThat(cache.tryLock(key, Duration.ofSeconds(1))).isInstanceOf(LockAttempt.Acquired.class);
    }

    @Test
    void cachesACompletedRecordUntilItExpires() {
        IdempotencyKey key = newKey(ACME);
        var now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var record = new IdempotencyRecord(key, "fp", RecordedAnswer.done("{\"id\":\"x\"}"), now, now.plusSeconds(60));
        cache.put(record);

        var found = cache.find(key).orElseThrow();
        assertThat(found.fingerprint()).isEqualTo("fp");
        assertThat(found.answer()).isEqualTo(record.answer());
        assertThat(found.expiresAt()).isEqualTo(record.expiresAt());
        assertThat(cache.find(newKey(ACME))).isEmpty();
    }

    @Test
    void findOrLockTakesTheLockOnAMissReportsItHeldAndReturnsACachedRecord() {
        IdempotencyKey key = newKey(ACME);
        var first = cache.findOrLock(key, Duration.ofSeconds(10));
        assertThat(first).isInstanceOf(IdempotencyCache.Lookup.NotCached.class);
        var lock = ((IdempotencyCache.Lookup.NotCached) first).lock();
        assertThat(lock).isInstanceOf(LockAttempt.Acquired.class);
        assertThat(cache.findOrLock(key, Duration.ofSeconds(10)))
                .isEqualTo(new IdempotencyCache.Lookup.NotCached(new LockAttempt.Held()));

        var now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var record = new IdempotencyRecord(key, "fp", RecordedAnswer.done("{\"id\":\"x\"}"), now, now.plusSeconds(60));
        cache.putAndRelease(record, lock);

        var cached = cache.findOrLock(key, Duration.ofSeconds(10));
        assertThat(cached).isInstanceOf(IdempotencyCache.Lookup.Cached.class);
        assertThat(((IdempotencyCache.Lookup.Cached) cached).record().answer()).isEqualTo(record.answer());
        assertThat(cache.tryLock(key, Duration.ofSeconds(10))).as("putAndRelease released our lock")
                .isInstanceOf(LockAttempt.Acquired.class);
    }

    @Test
    void putAndReleaseLeavesAStrangersLockAlone() {
        IdempotencyKey key = newKey(ACME);
        assertThat(cache.tryLock(key, Duration.ofSeconds(10))).isInstanceOf(LockAttempt.Acquired.class);
        var now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var record = new IdempotencyRecord(key, "fp", RecordedAnswer.done("{}"), now, now.plusSeconds(60));

        cache.putAndRelease(record, new LockAttempt.Acquired(key, "someone-else"));

        assertThat(cache.tryLock(key, Duration.ofSeconds(10))).isInstanceOf(LockAttempt.Held.class);
        assertThat(cache.find(key)).isPresent();
    }
}
