package dev.polyledger.ledger.application.service;

import dev.polyledger.ledger.application.port.out.ChurnedTables;
import dev.polyledger.ledger.application.port.out.ChurnedTables.Churn;
import jakarta.inject.Singleton;

/**
 * Keeps the churned stores as small and as fast to read as their live rows allow, on the schedule of the driving
 * adapter: the outbox often (it is small once published events are deleted, and the relay's claim reads it many
 * times a second), the idempotency keys and the mutable state less often (larger; reclaiming scans their indexes).
 */
@Singleton
public class TableUpkeep {
    private final ChurnedTables tables;

    public TableUpkeep(ChurnedTables tables) {
        this.tables = tables;
    }

    /** Reclaims the outbox's deleted (published) events. */
    public void outbox() {
        tables.reclaim(Churn.OUTBOX);
    }

    /**
     * Reclaims pruned idempotency keys, the rewritten balances, holds and batches, then the postings' aborted
     * attempts. VACUUM skips the pages it already found all-visible, so a run costs the pages written since the last.
     */
    public void others() {
        tables.reclaim(Churn.IDEMPOTENCY_KEYS);
        tables.reclaim(Churn.MUTABLE_STATE);
        tables.reclaim(Churn.POSTINGS);
    }
}
