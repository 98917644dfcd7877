package dev.polyledger.notification.application.port.out;

import dev.polyledger.notification.domain.Delivery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The persisted delivery schedule (MongoDB): what survives a restart and is shared by every worker. */
public interface Deliveries {

    /** Stores a new delivery; false when one with its id exists (the event was scheduled before). */
    boolean schedule(Delivery delivery);

    /**
     * Atomically takes the PENDING delivery due earliest ({@code nextAttemptAt <= now}) whose lease has expired,
     * leasing it until {@code leaseUntil}, skipping the given subscriptions.
     */
    Optional<Delivery> leaseDue(Instant now, Instant leaseUntil, Set<String> skippedSubscriptions);

    /** Stores the delivery's new state and releases its lease. */
    void update(Delivery delivery);

    /** The deliveries of the tenant's subscription, newest first, at most {@code limit}. */
    List<Delivery> ofSubscription(String tenantId, String subscriptionId, int limit);
}
