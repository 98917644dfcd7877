package dev.polyledger.ledger.adapter.out.postgres;

import dev.polyledger.ledger.application.port.out.LedgerWrites;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

/**
 * {@link LedgerWrites} on PostgreSQL: in the caller's transaction, one JDBC batch per table, in this order: account
 * updates (each guarded by the version it was locked at), transfers, entries, outbox events, idempotency records,
 * batch items (each guarded by still being pending) and their batches' counts.
 * Whatever the size of the write set (one request, a commit group, an atomic batch of 1,000), that is at most seven
 * round trips. The transfers count in {@code ledger.transfers.posted} once the transaction commits.
 */
@Singleton
class PostgresLedgerWrites implements LedgerWrites {
    private final JdbcOperations jdbc;
    private final PostgresTransfers transfers;
    private final PostgresOutbox outbox;
    private final PostedTransfersMetric posted;

    private final java.time.Clock clock;

    PostgresLedgerWrites(JdbcOperations jdbc, PostgresTransfers transfers, PostgresOutbox outbox, java.time.Clock clock,
                          PostedTransfersMetric posted) {
        this.posted = posted;
        this.jdbc = jdbc;
        this.clock = clock;
        this.transfers = transfers;
        this.outbox = outbox;
    }

    @Override
    public void write(WriteSet writes) {
        jdbc.execute(conn -> {
            PostgresAccounts.updateAll(conn, writes.accounts());
            transfers.insertAll(conn, writes.transfers());
            outbox.insertAll(conn, writes.events());
            PostgresIdempotencyRecords.insertAll(conn, writes.records());
            PostgresBatches.writeResults(conn, writes.items(), clock.instant());
            return null;
        });
        posted.countOnCommit(writes.transfers());
    }
}
