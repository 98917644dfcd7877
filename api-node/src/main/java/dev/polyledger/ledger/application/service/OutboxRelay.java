package dev.polyledger.ledger.application.service;

import dev.polyledger.ledger.application.port.out.EventPublisher;
import dev.polyledger.ledger.application.port.out.OutboxBatches;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Carries committed outbox events to the broker, at least once: an event leaves the outbox (is deleted) only after
 * the broker confirmed it, in the transaction that claimed it, so a crash between publish and commit republishes it
 * (consumers deduplicate on the event id). One aggregate's events are published in sequence order: only the earliest
 * unpublished event of an aggregate is claimable ({@link OutboxBatches#relay}). A broker outage only delays publishing: the relay backs off (doubling up to
 * {@link OutboxPolicy#maxBackoff()}) while the API keeps committing events, and drains them when the
 * broker is back. Every node runs a relay; they share the outbox without blocking each other. What wakes the relay
 * (a notification of a commit, a safety-net poll) is the driving adapter's business; each failed attempt is counted
 * ({@link Status#failures()}) for it to log and export.
 */
@Singleton
public class OutboxRelay {
    private final OutboxBatches outbox;
    private final EventPublisher publisher;
    private final Clock clock;
    private final OutboxPolicy policy;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private volatile Instant pausedUntil = Instant.MIN;
    private volatile Duration backoff = Duration.ZERO;

    public OutboxRelay(OutboxBatches outbox, EventPublisher publisher, Clock clock, OutboxPolicy policy) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.clock = clock;
        this.policy = policy;
    }

    /**
     * Publishes batches until the outbox holds no more claimable events, unless backing off after a failure.
     *
     * @return how many events were published
     */
    public int drain() {
        if (clock.instant().isBefore(pausedUntil)) {
            return 0;
        }
        int total = 0;
        try {
            int claimed;
            do {
                var confirmed = new int[1];
                claimed = outbox.relay(policy.batchSize(), batch -> {
                    var ids = publisher.publish(batch);
                    confirmed[0] = ids.size();
                    return ids;
                });
                total += confirmed[0];
            } while (claimed == policy.batchSize());
            backoff = Duration.ZERO;
            lastError.set(null);
        } catch (RuntimeException e) {
            backoff = backoff.isZero() ? policy.initialBackoff() : min(backoff.multipliedBy(2), policy.maxBackoff());
            pausedUntil = clock.instant().plus(backoff);
            lastError.set(e.getClass().getSimpleName() + ": " + e.getMessage());
            failures.incrementAndGet();
        }
        published.addAndGet(total);
        return total;
    }

    /** What the relay knows now, for health and metrics. */
    public Status status() {
        var backlog = outbox.backlog();
        return new Status(backlog.events(), backlog.oldestAge(clock.instant()), lastError.get(), published.get(),
                failures.get());
    }

    /** Failed attempts to publish since this node started (each one a batch put back for a later attempt). */
    public long failures() {
        return failures.get();
    }

    /** The last failure to publish ({@code Class: message}), or null after a success or before any attempt. */
    public String lastError() {
        return lastError.get();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * @param backlog         unpublished events
     * @param oldestAge       age of the oldest unpublished event (zero when none)
     * @param lastError       the last failure to publish, null after a success (or before any attempt)
     * @param published       events this node published since it started
     * @param failures        failed attempts to publish since this node started
     */
    public record Status(long backlog, Duration oldestAge, String lastError, long published, long failures) {
    }
}
