package dev.polyledger.ledger.application.port.out;

/**
 * The stores the ledger rewrites or deletes from at a high rate, whose dead rows must be reclaimed for their reads
 * to stay as fast as on the first day, whether or not the database reclaims them by itself (PostgreSQL with
 * autovacuum off or lagging: issue 13 measured ~9,700 dead index entries read per outbox claim after 70,000
 * transfers).
 */
public interface ChurnedTables {

    /** What churns, and why. */
    enum Churn {
        /** Every event is appended, then deleted once published: the relay's claim reads this one. */
        OUTBOX,
        /** Every request with a key appends one; expired ones are deleted by the pruning job. */
        IDEMPOTENCY_KEYS,
        /** Balances, holds and batches: rewritten by every posting, capture, void or chunk. */
        MUTABLE_STATE,
        /**
         * Transfers and entries: appended, but every attempt of a posting that lost a serialization conflict leaves
         * its rows dead (measured: 10,000 dead transfers and 16,000 dead entries after 55,000 transfers).
         */
        POSTINGS
    }

    /**
     * Reclaims the dead rows of {@code churn} and refreshes the planner's statistics of its tables. Skips a table
     * another node is reclaiming at that moment instead of waiting for it.
     *
     * @throws RuntimeException when the database refused (unreachable, permissions); nothing is left half done
     */
    void reclaim(Churn churn);
}
