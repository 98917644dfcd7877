package dev.polyledger.audit.application.service;

import dev.polyledger.audit.application.port.in.AuditEventQuery;
import dev.polyledger.audit.application.port.in.AuditPage;
import dev.polyledger.audit.application.port.in.AuditQueries;
import dev.polyledger.audit.application.port.in.PageCursor;
import dev.polyledger.audit.application.port.in.RecordEventUseCase;
import dev.polyledger.audit.application.port.in.RecordOutcome;
import dev.polyledger.audit.application.port.out.AuditRecords;
import dev.polyledger.audit.application.port.out.UnstorableSnapshotException;
import dev.polyledger.audit.domain.AuditSnapshot;
import dev.polyledger.audit.domain.MalformedEventException;
import dev.polyledger.events.EventEnvelope;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Records events as snapshots (deduplicated on {@code eventId} by the store) and answers the audit queries.
 * {@code receivedAt} comes from the injected clock.
 */
@Singleton
public class AuditService implements RecordEventUseCase, AuditQueries {
    private final AuditRecords records;
    private final Clock clock;

    public AuditService(AuditRecords records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    @Override
    public RecordOutcome record(EventEnvelope<Map<String, Object>> event) {
        AuditSnapshot snapshot;
        try {
            snapshot = AuditSnapshot.of(event, clock.instant());
        } catch (MalformedEventException e) {
            return new RecordOutcome.Rejected(e.getMessage());
        }
        try {
            return records.add(snapshot)
                    ? new RecordOutcome.Stored(snapshot.eventId())
                    : new RecordOutcome.AlreadyStored(snapshot.eventId());
        } catch (UnstorableSnapshotException e) {
            return new RecordOutcome.Rejected(e.getMessage());
        }
    }

    @Override
    public AuditPage search(AuditEventQuery query) {
        List<AuditSnapshot> found = records.find(query, query.limit() + 1);
        if (found.size() <= query.limit()) {
            return new AuditPage(found, null);
        }
        List<AuditSnapshot> page = found.subList(0, query.limit());
        AuditSnapshot last = page.get(page.size() - 1);
        return new AuditPage(page, new PageCursor(last.occurredAt(), last.eventId()));
    }

    @Override
    public Optional<AuditSnapshot> transfer(UUID transferId) {
        return records.findTransferPosted(transferId);
    }
}
