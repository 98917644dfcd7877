package dev.polyledger.ledger.adapter.out.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.ledger.application.port.in.IdempotencyRecord;
import dev.polyledger.ledger.application.port.in.RecordedResponse;
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
}
