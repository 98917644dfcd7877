package dev.polyledger.audit.application.service;

import dev.polyledger.audit.application.port.in.AuditEventQuery;
import dev.polyledger.audit.application.port.in.AuditPage;
import dev.polyledger.audit.application.port.in.AuditQueries;
import dev.polyledger.audit.application.port.in.PageCursor;
import dev.polyledger.audit.application.port.in.RecordEventUseCase;
import dev.polyledger.audit.application.port.in.RecordOutcome;
import dev.polyledger.audit.application.port.out.AddResult;
import dev.polyledger.audit.application.port.out.AuditRecords;
import dev.polyledger.audit.domain.AuditSnapshot;
import dev.polyledger.audit.domain.MalformedEventException;
import dev.polyledger.events.EventEnvelope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Records events as snapshots (deduplicated on {@code eventId} by the store) and answers the audit queries.
 * {@code receivedAt} comes from the injected clock, read once per batch just before the write. A search with
 * neither {@code from} nor {@code accountId} nor {@code transferId} covers only the default window
 * ({@link AuditEventQuery#withDefaultWindow}) ending at {@code to} or now. A bean of the configuration's factory.
 */
public class AuditService implements RecordEventUseCase, AuditQueries {
    /** The default window when none is given: 24 hours. */
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(24);

    private final AuditRecords records;
    private final Clock clock;
    private final Duration defaultWindow;

    public AuditService(AuditRecords records, Clock clock) {
        this(records, clock, DEFAULT_WINDOW);
    }

    /** @param defaultWindow the window of a search without {@code from}, {@code accountId} and {@code transferId} */
    public AuditService(AuditRecords records, Clock clock, Duration defaultWindow) {
        this.records = records;
        this.clock = clock;
        this.defaultWindow = defaultWindow;
    }

    @Override
    public List<RecordOutcome> recordAll(List<EventEnvelope<Map<String, Object>>> events) {
        Instant receivedAt = clock.instant();
        RecordOutcome[] outcomes = new RecordOutcome[events.size()];
        List<AuditSnapshot> snapshots = new ArrayList<>(events.size());
        List<Integer> positions = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            try {
                snapshots.add(AuditSnapshot.of(events.get(i), receivedAt));
                positions.add(i);
            } catch (MalformedEventException e) {
                outcomes[i] = new RecordOutcome.Rejected(e.getMessage());
            }
        }
        if (!snapshots.isEmpty()) {
            List<AddResult> results = records.addAll(snapshots);
            for (int j = 0; j < snapshots.size(); j++) {
                outcomes[positions.get(j)] = outcome(snapshots.get(j).eventId(), results.get(j));
            }
        }
        return List.of(outcomes);
    }

    private static RecordOutcome outcome(UUID eventId, AddResult result) {
        if (result instanceof AddResult.Refused refused) {
            return new RecordOutcome.Rejected(refused.reason());
        }
        return result instanceof AddResult.Added
                ? new RecordOutcome.Stored(eventId)
                : new RecordOutcome.AlreadyStored(eventId);
    }

    @Override
    public AuditPage search(AuditEventQuery requested) {
        AuditEventQuery query = requested.withDefaultWindow(clock.instant(), defaultWindow);
        List<AuditSnapshot> found = records.find(query, query.limit() + 1);
        if (found.size() <= query.limit()) {
            return new AuditPage(found, null);
        }
        List<AuditSnapshot> page = found.subList(0, query.limit());
        AuditSnapshot last = page.get(page.size() - 1);
        return new AuditPage(page, new PageCursor(last.occurredAt(), last.eventId()));
    }

    @Override
    public Optional<AuditSnapshot> transfer(String tenantId, UUID transferId) {
        return records.findTransferPosted(tenantId, transferId);
    }
}
