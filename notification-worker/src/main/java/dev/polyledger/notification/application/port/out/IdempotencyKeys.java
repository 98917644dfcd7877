package dev.polyledger.notification.application.port.out;

import dev.polyledger.notification.domain.Subscription;
import java.util.Optional;

/**
 * The {@code Idempotency-Key}s of subscription creations, one record per tenant and key (the same key in two tenants
 * names two unrelated requests), holding the fingerprint of the request and the subscription it created (the
 * replayed answer).
 */
public interface IdempotencyKeys {

    /**
     * @param tenantId    the tenant of the request
     * @param key         the client's key
     * @param fingerprint SHA-256 of the normalised request
     * @param created     the subscription the request created (its answer)
     * @param completed   whether the subscription itself was stored after the key was claimed
     */
    record Entry(String tenantId, String key, String fingerprint, Subscription created, boolean completed) {
    }

    Optional<Entry> find(String tenantId, String key);

    /** Records a key the tenant has not used yet; false when it has (someone else claimed it first). */
    boolean claim(Entry entry);

    /** Marks the creation complete (the subscription is stored). */
    void complete(String tenantId, String key);
}
