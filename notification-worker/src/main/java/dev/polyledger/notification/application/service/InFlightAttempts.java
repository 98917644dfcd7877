package dev.polyledger.notification.application.service;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The attempts under way in this worker, in all and per subscription, against two limits: so that one slow endpoint
 * cannot take every slot. Thread-safe: attempts start on the dispatcher's thread and finish on the sender's.
 */
public final class InFlightAttempts {
    private final int maxInFlight;
    private final int maxPerSubscription;
    private final Map<String, Integer> bySubscription = new HashMap<>();
    private int total;

    /**
     * @param maxInFlight        attempts under way in this worker at most, >= 1
     * @param maxPerSubscription attempts under way to one subscription at most, >= 1
     */
    public InFlightAttempts(int maxInFlight, int maxPerSubscription) {
        if (maxInFlight < 1 || maxPerSubscription < 1) {
            throw new IllegalArgumentException("in-flight limits must be >= 1");
        }
        this.maxInFlight = maxInFlight;
        this.maxPerSubscription = maxPerSubscription;
    }

    /** Whether another attempt may start (to a subscription that {@link #hasRoomFor has room}). */
    public synchronized boolean hasRoom() {
        return total < maxInFlight;
    }

    /** Whether another attempt to the subscription may start: it has fewer under way than its limit. */
    public synchronized boolean hasRoomFor(String subscriptionId) {
        return bySubscription.getOrDefault(subscriptionId, 0) < maxPerSubscription;
    }

    /** Counts an attempt to the subscription as started. */
    public synchronized void started(String subscriptionId) {
        bySubscription.merge(subscriptionId, 1, Integer::sum);
        total++;
    }

    /** Counts an attempt to the subscription as finished; the subscription is forgotten when it has none left. */
    public synchronized void finished(String subscriptionId) {
        bySubscription.computeIfPresent(subscriptionId, (id, count) -> count > 1 ? count - 1 : null);
        total--;
    }
}
