package dev.polyledger.audit.application;

import dev.polyledger.audit.application.port.in.AuditEventQuery;
import dev.polyledger.audit.application.port.out.AddResult;
import dev.polyledger.audit.application.port.out.AuditRecords;
import dev.polyledger.audit.domain.AuditSnapshot;
import dev.polyledger.events.EventType;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** {@link AuditRecords} in a map, scoped by tenant, with the store's order: occurredAt (milliseconds) then eventId, descending. */
class InMemoryAuditRecords implements AuditRecords {
    final Map<UUID, AuditSnapshot> byEventId = new ConcurrentHashMap<>();

    private static final Comparator<AuditSnapshot> NEWEST_FIRST = Comparator
            .comparing((AuditSnapshot s) -> s.occurredAt().truncatedTo(ChronoUnit.MILLIS))
            .thenComparing(s -> s.eventId().toString()).reversed();

    @Override
    public List<AddResult> addAll(List<AuditSnapshot> snapshots) {
        return snapshots.stream().map(s -> byEventId.putIfAbsent(s.eventId(), s) == null
                ? (AddResult) new AddResult.Added() : new AddResult.AlreadyPresent()).toList();
    }

    @Override
    public List<AuditSnapshot> find(AuditEventQuery q, int max) {
        return byEventId.values().stream()
                .filter(s -> s.tenantId().equals(q.tenantId()))
                .filter(s -> q.accountId() == null || s.accountIds().contains(q.accountId()))
                .filter(s -> q.transferId() == null || q.transferId().equals(s.transferId()))
                .filter(s -> q.type() == null || q.type() == s.type())
                .filter(s -> q.from() == null || !millis(s).isBefore(q.from().truncatedTo(ChronoUnit.MILLIS)))
                .filter(s -> q.to() == null || millis(s).isBefore(q.to().truncatedTo(ChronoUnit.MILLIS)))
                .filter(s -> q.after() == null || millis(s).isBefore(q.after().occurredAt())
                        || millis(s).equals(q.after().occurredAt())
                        && s.eventId().toString().compareTo(q.after().eventId().toString()) < 0)
                .sorted(NEWEST_FIRST)
                .limit(max)
                .toList();
    }

    private static java.time.Instant millis(AuditSnapshot s) {
        return s.occurredAt().truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public Optional<AuditSnapshot> findTransferPosted(String tenantId, UUID transferId) {
        return byEventId.values().stream()
                .filter(s -> s.tenantId().equals(tenantId))
                .filter(s -> s.type() == EventType.TRANSFER_POSTED && transferId.equals(s.transferId()))
                .findFirst();
    }

    @Override
    public List<AuditSnapshot> transfersPosted(String tenantId, java.time.Instant from, java.time.Instant to) {
        return byEventId.values().stream()
                .filter(s -> s.tenantId().equals(tenantId) && s.type() == EventType.TRANSFER_POSTED)
                .filter(s -> !millis(s).isBefore(from) && millis(s).isBefore(to))
                .toList();
    }

    @Override
    public List<AuditSnapshot> transfersPosted(String tenantId, java.util.Collection<UUID> transferIds) {
        return byEventId.values().stream()
                .filter(s -> s.tenantId().equals(tenantId) && s.type() == EventType.TRANSFER_POSTED)
                .filter(s -> transferIds.contains(s.transferId()))
                .toList();
    }
}
