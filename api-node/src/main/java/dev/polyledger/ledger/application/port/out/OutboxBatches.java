package dev.polyledger.ledger.application.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/** The relay's view of the transactional outbox. */
public interface OutboxBatches {

    /**
     * Claims up to {@code limit} unpublished events in one transaction, hands them to {@code publish}, deletes the
     * events whose ids it returns (published: the outbox keeps no history), and commits. Only the earliest unpublished event of each aggregate is
     * claimed, so one aggregate's events go out in sequence order; rows claimed by another node are skipped,
     * not waited for, so relays on several nodes neither block each other nor publish the same row at once.
     * When {@code publish} throws, nothing is deleted and the rows stay for the next attempt.
     *
     * @return how many events were claimed (a full batch means more may be waiting)
     */
    int relay(int limit, Function<List<PendingEvent>, Set<UUID>> publish);

    /** Count and age of the unpublished events. */
    Backlog backlog();

    /**
     * @param events           unpublished events
     * @param oldestOccurredAt when the oldest of them committed, empty when there are none
     */
    record Backlog(long events, Optional<Instant> oldestOccurredAt) {
        public Duration oldestAge(Instant now) {
            return oldestOccurredAt.map(t -> Duration.between(t, now)).filter(d -> !d.isNegative()).orElse(Duration.ZERO);
        }
    }
}
