package dev.polyledger.notification.application.port.out;

import dev.polyledger.notification.domain.Subscription;
import java.util.Optional;

/**
 * The {@code Idempotency-Key}s of subscription creations, one document per key (the key is its unique id), holding the
 * fingerprint of the request and the subscription it created (the replayed answer).
 */
public interface IdempotencyKeys {

    /**
     * @param key         the client's key
     * @param fingerprint SHA-256 of the normalised request
     * @param created     the subscription the request created (its answer)
     * @param completed   whether the subscription itself was stored after the key was claimed
     */
    record Entry(String key, String fingerprint, Subscription created, boolean completed) {
    }

    Optional<Entry> find(String key);

    /** Records a key not yet used; false when it was (someone else claimed it first). */
    boolean claim(Entry entry);

    /** Marks the creation complete (the subscription is stored). */
    void complete(String key);
}
