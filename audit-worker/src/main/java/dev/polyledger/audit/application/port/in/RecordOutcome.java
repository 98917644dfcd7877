package dev.polyledger.audit.application.port.in;

import java.util.UUID;

/** What became of an event handed to {@link RecordEventUseCase}. */
public sealed interface RecordOutcome {

    /** The snapshot was written now. */
    record Stored(UUID eventId) implements RecordOutcome {
    }

    /** A snapshot of this event existed already (the event was delivered again); nothing was written. */
    record AlreadyStored(UUID eventId) implements RecordOutcome {
    }

    /**
     * The event can never be stored as it is (malformed, or refused by the store for its content); retrying is
     * useless, the message belongs in the dead-letter queue.
     */
    record Rejected(String reason) implements RecordOutcome {
    }
}
