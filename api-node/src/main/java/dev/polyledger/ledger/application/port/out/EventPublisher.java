package dev.polyledger.ledger.application.port.out;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Publishes ledger events to the message broker. */
public interface EventPublisher {

    /**
     * Publishes the events and waits for the broker to confirm them.
     *
     * @return the ids of the events the broker confirmed as routed to at least one queue; events it returned as
     *         unroutable are absent (they stay in the outbox)
     * @throws RuntimeException when the broker cannot be reached or does not confirm in time; nothing is
     *                          assumed published then
     */
    Set<UUID> publish(List<PendingEvent> events);
}
