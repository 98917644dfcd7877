package dev.polyledger.notification.application.service;

import dev.polyledger.notification.domain.Delivery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The worker's in-memory due-queue: the PENDING deliveries it will attempt, one queue per subscription ordered by
 * {@code nextAttemptAt}, so that a subscription at its in-flight limit is skipped without looking at its backlog.
 * MongoDB holds the durable record of every delivery; this queue is fed by the consumer (new deliveries), by
 * failed attempts (their retry) and, once at start, by the PENDING deliveries an earlier process left
 * ({@link DeliveryDispatcher}). A delivery is in the queue or in flight at most once: adding an id that is queued or
 * in flight does nothing. Thread-safe.
 */
final class DueDeliveries {
    private static final Comparator<Due> BY_DUE_TIME =
            Comparator.comparing((Due due) -> due.delivery().nextAttemptAt()).thenComparing(due -> due.delivery().id());

    /**
     * A delivery waiting for its attempt.
     *
     * @param delivery   its state, PENDING, due at {@code nextAttemptAt}
     * @param occurredAt the event's {@code occurredAt} (its commit time), where the commit → delivery lag starts;
     *                   null when unknown (a delivery left by an earlier process)
     */
    record Due(Delivery delivery, Instant occurredAt) {
        String subscriptionId() {
            return delivery.subscriptionId();
        }
    }

    private final Map<String, PriorityQueue<Due>> bySubscription = new LinkedHashMap<>();
    private final Set<String> known = new HashSet<>();

    /** Queues the delivery unless it is queued or in flight already; false then. */
    synchronized boolean add(Due due) {
        if (!known.add(due.delivery().id())) {
            return false;
        }
        bySubscription.computeIfAbsent(due.subscriptionId(), id -> new PriorityQueue<>(BY_DUE_TIME)).add(due);
        return true;
    }

    /** Queues a retry of a delivery that was taken (so is known): its new state, due later. */
    synchronized void requeue(Due due) {
        known.add(due.delivery().id());
        bySubscription.computeIfAbsent(due.subscriptionId(), id -> new PriorityQueue<>(BY_DUE_TIME)).add(due);
    }

    /**
     * Takes the deliveries due at {@code now}, subscription by subscription, as long as {@code inFlight} has room
     * in all and for the subscription, counting each as started there. They stay known until {@link #forget}.
     */
    synchronized List<Due> takeDue(Instant now, InFlightAttempts inFlight) {
        List<Due> taken = new ArrayList<>();
        var subscriptions = bySubscription.entrySet().iterator();
        while (subscriptions.hasNext() && inFlight.hasRoom()) {
            var entry = subscriptions.next();
            PriorityQueue<Due> queue = entry.getValue();
            while (!queue.isEmpty() && !queue.peek().delivery().nextAttemptAt().isAfter(now)
                    && inFlight.hasRoom() && inFlight.hasRoomFor(entry.getKey())) {
                Due due = queue.poll();
                inFlight.started(entry.getKey());
                taken.add(due);
            }
            if (queue.isEmpty()) {
                subscriptions.remove();
            }
        }
        return taken;
    }

    /** The delivery is settled (delivered or dead-lettered): it may be added again, by nobody in practice. */
    synchronized void forget(String deliveryId) {
        known.remove(deliveryId);
    }

    /** Deliveries queued (not in flight). */
    synchronized int size() {
        int size = 0;
        for (PriorityQueue<Due> queue : bySubscription.values()) {
            size += queue.size();
        }
        return size;
    }
}
