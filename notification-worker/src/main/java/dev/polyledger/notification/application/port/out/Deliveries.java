package dev.polyledger.notification.application.port.out;

import dev.polyledger.notification.domain.Delivery;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The durable record of the deliveries (MongoDB): what the deliveries API lists and what a restarted worker resumes
 * from. It is written in batches and never polled for work: the worker keeps its due deliveries in memory.
 */
public interface Deliveries {

    /**
     * Stores new deliveries in one write (an event's deliveries to its subscriptions).
     *
     * @return the deliveries stored, in the given order; one whose id exists already (the event was scheduled
     *         before) is left out
     * @throws RuntimeException when the store fails; nothing may have been stored, or part of the batch
     */
    List<Delivery> scheduleAll(List<Delivery> deliveries);

    /**
     * The PENDING deliveries created before {@code before}: those an earlier process of the worker scheduled and
     * did not settle, read once when the worker starts.
     */
    List<Delivery> pendingCreatedBefore(Instant before);

    /**
     * Stores the new states of deliveries (each replaces the one of its id) in batched writes.
     *
     * @throws RuntimeException when the store fails; the caller keeps the states and writes them again
     */
    void updateAll(Collection<Delivery> deliveries);

    /** The deliveries of the tenant's subscription, newest first, at most {@code limit}. */
    List<Delivery> ofSubscription(String tenantId, String subscriptionId, int limit);
}
