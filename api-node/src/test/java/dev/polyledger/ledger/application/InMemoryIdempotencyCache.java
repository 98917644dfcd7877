package dev.polyledger.ledger.application;

import dev.polyledger.ledger.domain.IdempotencyKey;
import dev.polyledger.ledger.domain.IdempotencyRecord;
import dev.polyledger.ledger.application.port.out.IdempotencyCache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The idempotency cache in memory, with switches for the cases the service must survive: the cache being
 * {@link #goDown() down} (every call degrades as the port promises), {@link #flush() flushed}, and a key's
 * lock {@link #holdLockElsewhere held by another request}.
 */
public final class InMemoryIdempotencyCache implements IdempotencyCache {
    private static final String OTHER_REQUEST = "another-request";

    private final Map<IdempotencyKey, IdempotencyRecord> cached = new HashMap<>();
    private final Map<IdempotencyKey, String> locks = new HashMap<>();
    private final List<LockAttempt.Acquired> released = new ArrayList<>();
    private boolean down;
    private int tokens;

    @Override
    public Optional<IdempotencyRecord> find(IdempotencyKey key) {
        return down ? Optional.empty() : Optional.ofNullable(cached.get(key));
    }

    @Override
    public void put(IdempotencyRecord record) {
        if (!down) {
            cached.put(record.key(), record);
        }
    }

    @Override
    public LockAttempt tryLock(IdempotencyKey key, Duration ttl) {
        if (down) {
            return new LockAttempt.Unavailable();
        }
        if (locks.containsKey(key)) {
            return new LockAttempt.Held();
        }
        String token = "token-" + (++tokens);
        locks.put(key, token);
        return new LockAttempt.Acquired(key, token);
    }

    @Override
    public void release(LockAttempt.Acquired lock) {
        released.add(lock);
        if (!down) {
            locks.remove(lock.key(), lock.token());
        }
    }

    public void goDown() {
        down = true;
    }

    public void comeBack() {
        down = false;
    }

    public void flush() {
        cached.clear();
    }

    public void holdLockElsewhere(IdempotencyKey key) {
        locks.put(key, OTHER_REQUEST);
    }

    public boolean isLocked(IdempotencyKey key) {
        return locks.containsKey(key);
    }

    public boolean isLockedElsewhere(IdempotencyKey key) {
        return OTHER_REQUEST.equals(locks.get(key));
    }

    public Optional<IdempotencyRecord> cached(IdempotencyKey key) {
        return Optional.ofNullable(cached.get(key));
    }

    public List<LockAttempt.Acquired> released() {
        return List.copyOf(released);
    }
}
