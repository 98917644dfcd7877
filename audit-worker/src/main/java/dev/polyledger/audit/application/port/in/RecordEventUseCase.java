package dev.polyledger.audit.application.port.in;

import dev.polyledger.events.EventEnvelope;
import java.util.List;
import java.util.Map;

/** Records the audit snapshots of ledger events, exactly once per {@code eventId}. */
public interface RecordEventUseCase {
    /**
     * Records a batch of events in one write to the store. The outcome of each event is its own: a rejected event
     * does not keep the others from being stored, and an event given twice is stored once (the second is
     * {@link RecordOutcome.AlreadyStored}). Every snapshot of the batch gets the same {@code receivedAt}.
     *
     * @param events the envelopes as published, at least one; {@code data} is the aggregate as a JSON object tree
     * @return one outcome per event, in the order given: stored now, already stored (a redelivery), or can never
     *         be stored
     * @throws dev.polyledger.audit.application.port.out.AuditStoreUnavailableException when the store is out of
     *         reach: some snapshots may have been stored all the same; retrying later stores the rest and reports
     *         those as already stored
     */
    List<RecordOutcome> recordAll(List<EventEnvelope<Map<String, Object>>> events);
}
