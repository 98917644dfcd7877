package dev.polyledger.audit.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The comparison of one tenant's audit trail with its ledger over a time window (api-contract.md, "Integrity: the
 * hash chain (v2)"). The window is {@code [from, to)} on the transfers' commit time ({@code createdAt} in the ledger,
 * {@code occurredAt} in the audit trail), at millisecond precision.
 *
 * @param from              start of the window, inclusive
 * @param to                end of the window, exclusive
 * @param transfersInLedger transfers the ledger holds in the window
 * @param snapshots         {@code transfer.posted} snapshots the audit trail holds in the window
 * @param missing           ledger transfers of the window without a {@code transfer.posted} snapshot (at most the
 *                          cap; see {@code truncated})
 * @param mismatched        transfers whose snapshot differs from the ledger ({@link TransferComparison}), and
 *                          snapshots of transfers the ledger does not hold (at most the cap)
 * @param truncated         whether either id list was cut at the cap: narrow the window to see every id
 */
public record Reconciliation(Instant from, Instant to, long transfersInLedger, long snapshots, List<UUID> missing,
                             List<UUID> mismatched, boolean truncated) {
    public Reconciliation {
        missing = List.copyOf(missing);
        mismatched = List.copyOf(mismatched);
    }

    /** Whether the window is clean: nothing missing, nothing mismatched. */
    public boolean clean() {
        return missing.isEmpty() && mismatched.isEmpty() && !truncated;
    }
}
