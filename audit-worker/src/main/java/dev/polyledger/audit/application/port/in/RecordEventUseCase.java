package dev.polyledger.audit.application.port.in;

import dev.polyledger.events.EventEnvelope;
import java.util.Map;

/** Records the audit snapshot of one ledger event, exactly once per {@code eventId}. */
public interface RecordEventUseCase {
    /**
     * @param event the envelope as published; {@code data} is the aggregate as a JSON object tree
     * @return whether the snapshot was stored now, was already stored (a redelivery), or can never be stored
     * @throws dev.polyledger.audit.application.port.out.AuditStoreUnavailableException when the store is out of
     *         reach: nothing was stored, retrying later may succeed
     */
    RecordOutcome record(EventEnvelope<Map<String, Object>> event);
}
