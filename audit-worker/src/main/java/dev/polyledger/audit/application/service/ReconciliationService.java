package dev.polyledger.audit.application.service;

import dev.polyledger.audit.application.port.in.RebuildUseCase;
import dev.polyledger.audit.application.port.in.ReconcileUseCase;
import dev.polyledger.audit.application.port.in.TimeWindow;
import dev.polyledger.audit.application.port.out.AddResult;
import dev.polyledger.audit.application.port.out.AuditRecords;
import dev.polyledger.audit.application.port.out.LedgerReadModel;
import dev.polyledger.audit.domain.AuditSnapshot;
import dev.polyledger.audit.domain.LedgerTransfer;
import dev.polyledger.audit.domain.RebuiltSnapshots;
import dev.polyledger.audit.domain.Reconciliation;
import dev.polyledger.audit.domain.TransferComparison;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reconciliation of the audit trail with the ledger, and its rebuild from the ledger.
 *
 * <p>A window is worked through in slices of {@code slice} (default 1 minute), so that memory holds one slice's
 * transfers and snapshots at a time whatever the window. Per slice: the ledger's transfers and the audit trail's
 * {@code transfer.posted} snapshots of the slice are read once each and matched by transfer id; a transfer without a
 * snapshot in the slice is looked up by id across the whole trail (a snapshot whose millisecond time falls on the other
 * side of a slice boundary), and a snapshot without a transfer in the slice is looked up by id in the ledger. A transfer
 * still without a snapshot is <em>missing</em>; a snapshot that differs from its transfer
 * ({@link TransferComparison}), or whose transfer the ledger does not hold, is <em>mismatched</em>. Each id list
 * holds at most {@code maxIds}; beyond, {@code truncated}.
 *
 * <p>The rebuild reads each slice's ledger transfers, looks their snapshots up by transfer id (one query per slice
 * that has transfers, none for an empty one), writes the missing ones ({@link RebuiltSnapshots}) in batches of
 * {@value #WRITE_BATCH}, and never touches a snapshot that exists. A bean of the configuration's factory.
 */
public class ReconciliationService implements ReconcileUseCase, RebuildUseCase {
    /** Snapshots per write of a rebuild. */
    static final int WRITE_BATCH = 100;

    private final LedgerReadModel ledger;
    private final AuditRecords records;
    private final Clock clock;
    private final Duration slice;
    private final int maxIds;

    /**
     * @param slice  the length of the slices a window is read in, positive
     * @param maxIds the most ids of each list of a reconciliation, >= 1
     */
    public ReconciliationService(LedgerReadModel ledger, AuditRecords records, Clock clock, Duration slice, int maxIds) {
        if (slice.isNegative() || slice.isZero() || maxIds < 1) {
            throw new IllegalArgumentException("slice must be positive and maxIds >= 1");
        }
        this.ledger = ledger;
        this.records = records;
        this.clock = clock;
        this.slice = slice;
        this.maxIds = maxIds;
    }

    @Override
    public Reconciliation reconcile(String tenantId, TimeWindow window) {
        var tally = new Tally(maxIds);
        for (TimeWindow part : slices(window)) {
            Slice slice = read(tenantId, part);
            tally.transfers += slice.transfers.size();
            tally.snapshots += slice.snapshotsInSlice;
            for (LedgerTransfer transfer : slice.transfers) {
                AuditSnapshot snapshot = slice.snapshots.get(transfer.id());
                if (snapshot == null) {
                    tally.missing(transfer.id());
                } else if (!TransferComparison.differences(transfer, snapshot.data()).isEmpty()) {
                    tally.mismatched(transfer.id());
                }
            }
            slice.orphans.forEach(tally::mismatched);
        }
        return new Reconciliation(window.from(), window.to(), tally.transfers, tally.snapshots, tally.missing,
                tally.mismatched, tally.truncated);
    }

    @Override
    public RebuildReport rebuild(TimeWindow window) {
        long transfers = 0, added = 0, present = 0, refused = 0;
        for (String tenantId : ledger.tenants()) {
            for (TimeWindow part : slices(window)) {
                List<LedgerTransfer> inSlice = ledger.transfers(tenantId, part.from(), part.to());
                if (inSlice.isEmpty()) {
                    continue;
                }
                transfers += inSlice.size();
                Set<UUID> recorded = new HashSet<>();
                records.transfersPosted(tenantId, inSlice.stream().map(LedgerTransfer::id).toList())
                        .forEach(s -> recorded.add(s.transferId()));
                Instant now = clock.instant();
                List<AuditSnapshot> rebuilt = new ArrayList<>();
                for (LedgerTransfer transfer : inSlice) {
                    if (recorded.contains(transfer.id())) {
                        present++;
                    } else {
                        rebuilt.add(RebuiltSnapshots.of(transfer, now));
                    }
                }
                for (int i = 0; i < rebuilt.size(); i += WRITE_BATCH) {
                    for (AddResult result : records.addAll(rebuilt.subList(i, Math.min(rebuilt.size(), i + WRITE_BATCH)))) {
                        if (result instanceof AddResult.Added) {
                            added++;
                        } else if (result instanceof AddResult.AlreadyPresent) {
                            present++;
                        } else {
                            refused++;
                        }
                    }
                }
            }
        }
        return new RebuildReport(window, transfers, added, present, refused);
    }

    @Override
    public List<String> tenants() {
        return ledger.tenants();
    }

    @Override
    public Map<String, Long> conservationImbalance() {
        return ledger.conservationImbalance();
    }

    /** The window cut into consecutive slices of at most {@link #slice}. */
    List<TimeWindow> slices(TimeWindow window) {
        List<TimeWindow> parts = new ArrayList<>();
        Instant start = window.from();
        while (start.isBefore(window.to())) {
            Instant end = window.to().minus(slice).isAfter(start) ? start.plus(slice) : window.to();
            parts.add(new TimeWindow(start, end));
            start = end;
        }
        return parts;
    }

    /**
     * One slice of both sides: the ledger's transfers, the snapshot of each transfer that has one (found in the
     * slice or by id), and the transfer ids of the slice's snapshots whose transfer the ledger does not hold.
     */
    private Slice read(String tenantId, TimeWindow part) {
        List<LedgerTransfer> transfers = ledger.transfers(tenantId, part.from(), part.to());
        List<AuditSnapshot> inSlice = records.transfersPosted(tenantId, part.from(), part.to());
        Map<UUID, AuditSnapshot> snapshots = new HashMap<>();
        inSlice.forEach(s -> snapshots.putIfAbsent(s.transferId(), s));
        Map<UUID, LedgerTransfer> byId = new LinkedHashMap<>();
        transfers.forEach(t -> byId.put(t.id(), t));

        List<UUID> unmatched = transfers.stream().map(LedgerTransfer::id).filter(id -> !snapshots.containsKey(id)).toList();
        if (!unmatched.isEmpty()) {
            records.transfersPosted(tenantId, unmatched).forEach(s -> snapshots.putIfAbsent(s.transferId(), s));
        }
        List<UUID> strangers = snapshots.keySet().stream().filter(id -> !byId.containsKey(id)).toList();
        List<UUID> orphans = new ArrayList<>();
        if (!strangers.isEmpty()) {
            // Snapshots of the slice whose transfer is not the ledger's in this slice: elsewhere in time, or nowhere.
            Map<UUID, LedgerTransfer> elsewhere = new HashMap<>();
            ledger.transfers(tenantId, strangers).forEach(t -> elsewhere.put(t.id(), t));
            for (UUID id : strangers) {
                LedgerTransfer transfer = elsewhere.get(id);
                if (transfer == null
                        || !TransferComparison.differences(transfer, snapshots.get(id).data()).isEmpty()) {
                    orphans.add(id);
                }
            }
        }
        return new Slice(transfers, snapshots, inSlice.size(), orphans);
    }

    private record Slice(List<LedgerTransfer> transfers, Map<UUID, AuditSnapshot> snapshots, int snapshotsInSlice,
                         List<UUID> orphans) {
    }

    /** Counts and capped id lists of a reconciliation. */
    private static final class Tally {
        private final int maxIds;
        private final List<UUID> missing = new ArrayList<>();
        private final List<UUID> mismatched = new ArrayList<>();
        private long transfers;
        private long snapshots;
        private boolean truncated;

        Tally(int maxIds) {
            this.maxIds = maxIds;
        }

        void missing(UUID id) {
            add(missing, id);
        }

        void mismatched(UUID id) {
            add(mismatched, id);
        }

        private void add(List<UUID> list, UUID id) {
            if (list.size() < maxIds) {
                list.add(id);
            } else {
                truncated = true;
            }
        }
    }
}
