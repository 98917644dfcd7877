package dev.polyledger.notification.application.port.out;

import dev.polyledger.notification.domain.Subscription;
import java.util.List;
import java.util.Optional;

/**
 * The webhook subscriptions, shared by every worker instance (MongoDB). Every read and write but {@link #disable}
 * is scoped to one tenant in the store's own filter: a subscription of another tenant is not found, exactly like
 * an unknown id.
 */
public interface Subscriptions {
    /** Stores a new subscription; false when one with its id exists already. */
    boolean add(Subscription subscription);

    /** The tenant's subscription with this id. */
    Optional<Subscription> find(String tenantId, String id);

    /** The tenant's subscriptions, oldest first. */
    List<Subscription> ofTenant(String tenantId);

    /** Removes the tenant's subscription; false when the tenant has none with this id. */
    boolean remove(String tenantId, String id);

    /**
     * Replaces the secrets of the tenant's subscription with those of {@code rotated}, provided its current secret is
     * still {@code expectedSecret} (a concurrent rotation makes this false, and the caller reads and tries again).
     *
     * @return false when there is no such subscription in the tenant or its secret changed meanwhile
     */
    boolean replaceSecrets(Subscription rotated, String expectedSecret);

    /** Sets it DISABLED: no further deliveries (the worker's own decision after a 410, whatever the tenant). */
    void disable(String id);
}
