package dev.polyledger.audit.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyledger.audit.application.port.in.InvalidQueryException;
import dev.polyledger.audit.application.port.in.RebuildUseCase.RebuildReport;
import dev.polyledger.audit.application.port.in.TimeWindow;
import dev.polyledger.audit.application.service.ReconciliationService;
import dev.polyledger.audit.domain.AuditSnapshot;
import dev.polyledger.audit.domain.LedgerTransfer;
import dev.polyledger.audit.domain.RebuiltSnapshots;
import dev.polyledger.audit.domain.Reconciliation;
import dev.polyledger.platform.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reconciliation and rebuild over in-memory fakes of the ledger and the audit store. */
class ReconciliationServiceTest {
    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
    private static final TimeWindow HOUR = new TimeWindow(T0, T0.plus(Duration.ofHours(1)));

    private final InMemoryLedger ledger = new InMemoryLedger();
    private final InMemoryAuditRecords records = new InMemoryAuditRecords();
    private final MutableClock clock = MutableClock.at(T0.plus(Duration.ofHours(2)));
    private final ReconciliationService service = new ReconciliationService(ledger, records, clock, Duration.ofMinutes(10), 1000);

    /** The snapshot the audit-worker would have recorded from the transfer's event. */
    private void recorded(LedgerTransfer transfer) {
        records.addAll(List.of(RebuiltSnapshots.of(transfer, transfer.createdAt())));
    }

    @Test
    void aCompleteTrailReconcilesClean() {
        for (int i = 0; i < 5; i++) {
            recorded(ledger.post("t1", 100 + i, T0.plusSeconds(i * 700)));
        }
        Reconciliation result = service.reconcile("t1", HOUR);
        assertThat(result.transfersInLedger()).isEqualTo(5);
        assertThat(result.snapshots()).isEqualTo(5);
        assertThat(result.clean()).isTrue();
    }

    @Test
    void reportsTransfersWithoutSnapshotAsMissing() {
        var kept = ledger.post("t1", 100, T0.plusSeconds(10));
        var lost = ledger.post("t1", 200, T0.plusSeconds(20));
        recorded(kept);
        Reconciliation result = service.reconcile("t1", HOUR);
        assertThat(result.missing()).containsExactly(lost.id());
        assertThat(result.mismatched()).isEmpty();
        assertThat(result.snapshots()).isEqualTo(1);
    }

    @Test
    void reportsASnapshotWhoseAmountDiffersAsMismatched() {
        var transfer = ledger.post("t1", 2500, T0.plusSeconds(10));
        AuditSnapshot good = RebuiltSnapshots.of(transfer, T0);
        Map<String, Object> altered = new HashMap<>(good.data());
        altered.put("amount", "25.01");
        records.addAll(List.of(withData(good, altered)));
        assertThat(service.reconcile("t1", HOUR).mismatched()).containsExactly(transfer.id());
    }

    @Test
    void reportsASnapshotOfATransferTheLedgerDoesNotHoldAsMismatched() {
        var ghost = new InMemoryLedger().post("t1", 100, T0.plusSeconds(10));
        recorded(ghost);
        Reconciliation result = service.reconcile("t1", HOUR);
        assertThat(result.mismatched()).containsExactly(ghost.id());
        assertThat(result.transfersInLedger()).isZero();
    }

    @Test
    void findsASnapshotRecordedOnTheOtherSideOfASliceBoundary() {
        var transfer = ledger.post("t1", 100, T0.plus(Duration.ofMinutes(10)).minusNanos(1_000));
        AuditSnapshot snapshot = RebuiltSnapshots.of(transfer, T0);
        // Its occurredAt one millisecond later than the ledger's time: it falls into the next slice.
        records.addAll(List.of(new AuditSnapshot(snapshot.eventId(), snapshot.type(), snapshot.aggregateId(), 1,
                transfer.createdAt().plusMillis(1), null, null, "t1", null, T0, snapshot.data(), snapshot.accountIds(),
                snapshot.transferId())));
        assertThat(service.reconcile("t1", HOUR).clean()).isTrue();
    }

    @Test
    void anotherTenantsTransfersAndSnapshotsAreNotCompared() {
        recorded(ledger.post("t2", 100, T0.plusSeconds(10)));
        ledger.post("t2", 100, T0.plusSeconds(11));
        Reconciliation result = service.reconcile("t1", HOUR);
        assertThat(result.transfersInLedger()).isZero();
        assertThat(result.snapshots()).isZero();
        assertThat(result.clean()).isTrue();
    }

    @Test
    void capsTheIdListsAndSaysTruncated() {
        var capped = new ReconciliationService(ledger, records, clock, Duration.ofMinutes(10), 2);
        for (int i = 0; i < 3; i++) {
            ledger.post("t1", 100, T0.plusSeconds(i));
        }
        Reconciliation result = capped.reconcile("t1", HOUR);
        assertThat(result.missing()).hasSize(2);
        assertThat(result.transfersInLedger()).isEqualTo(3);
        assertThat(result.truncated()).isTrue();
    }

    @Test
    void readsAWindowInSlices() {
        service.reconcile("t1", HOUR);
        assertThat(ledger.windowReads).isEqualTo(6);
    }

    @Test
    void rebuildAddsTheMissingSnapshotsOnlyAndASecondRunAddsNothing() {
        var kept = ledger.post("t1", 100, T0.plusSeconds(10));
        var lost = ledger.post("t1", 200, T0.plusSeconds(20));
        var otherTenantLost = ledger.post("t2", 300, T0.plusSeconds(30));
        recorded(kept);
        AuditSnapshot original = records.findTransferPosted("t1", kept.id()).orElseThrow();

        RebuildReport first = service.rebuild(HOUR);
        assertThat(first.transfersInLedger()).isEqualTo(3);
        assertThat(first.added()).isEqualTo(2);
        assertThat(first.alreadyPresent()).isEqualTo(1);
        assertThat(records.findTransferPosted("t1", lost.id()).orElseThrow().source()).isEqualTo("rebuild");
        assertThat(records.findTransferPosted("t2", otherTenantLost.id())).isPresent();
        assertThat(records.findTransferPosted("t1", kept.id()).orElseThrow()).isSameAs(original);
        assertThat(service.reconcile("t1", HOUR).clean()).isTrue();

        RebuildReport second = service.rebuild(HOUR);
        assertThat(second.added()).isZero();
        assertThat(second.alreadyPresent()).isEqualTo(3);
        assertThat(records.byEventId).hasSize(3);
    }

    @Test
    void aWindowMustEndAfterItStartsAndFitTheLongestAllowed() {
        assertThatThrownBy(() -> new TimeWindow(T0, T0)).isInstanceOf(InvalidQueryException.class);
        assertThatThrownBy(() -> TimeWindow.fromParameters(T0.toString(), T0.plus(Duration.ofHours(25)).toString(),
                Duration.ofHours(24))).isInstanceOf(InvalidQueryException.class).hasMessageContaining("24h")
                .extracting(e -> ((InvalidQueryException) e).field()).isEqualTo("to");
        assertThatThrownBy(() -> TimeWindow.fromParameters(null, T0.toString(), Duration.ofHours(24)))
                .extracting(e -> ((InvalidQueryException) e).field()).isEqualTo("from");
        assertThat(TimeWindow.fromParameters(T0.toString(), T0.plus(Duration.ofHours(24)).toString(),
                Duration.ofHours(24)).length()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void conservationSumsSignedEntriesPerCurrency() {
        ledger.post("t1", 100, T0);
        assertThat(service.conservationImbalance()).containsEntry("USD", 0L);
    }

    private static AuditSnapshot withData(AuditSnapshot s, Map<String, Object> data) {
        return new AuditSnapshot(s.eventId(), s.type(), s.aggregateId(), s.sequence(), s.occurredAt(), s.requestId(),
                s.source(), s.tenantId(), s.actor(), s.receivedAt(), data, s.accountIds(), s.transferId());
    }
}
