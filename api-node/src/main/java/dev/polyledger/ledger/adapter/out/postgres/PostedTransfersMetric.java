package dev.polyledger.ledger.adapter.out.postgres;

import dev.polyledger.ledger.domain.Transfer;
import dev.polyledger.ledger.domain.TransferKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The counter {@code ledger.transfers.posted} (Prometheus {@code ledger_transfers_posted_total}), tag {@code kind}: one
 * of {@link TransferKind} ({@code TRANSFER}, {@code CREDIT}, {@code DEBIT}, {@code HOLD_POST}, {@code REFUND}), so the
 * tag is bounded. A transfer counts once its transaction has committed: the increment is a synchronization of the
 * transaction that wrote it, so a rolled-back or retried attempt never counts. Written outside a transaction (not done
 * by the ledger), it counts at once.
 */
@Singleton
class PostedTransfersMetric {
    /** The meter's name; Prometheus renders it {@code ledger_transfers_posted_total}. */
    static final String NAME = "ledger.transfers.posted";

    private final TransactionOperations<Connection> transactions;
    private final Map<TransferKind, Counter> byKind = new EnumMap<>(TransferKind.class);

    PostedTransfersMetric(TransactionOperations<Connection> transactions, MeterRegistry meters) {
        this.transactions = transactions;
        for (TransferKind kind : TransferKind.values()) {
            byKind.put(kind, Counter.builder(NAME).tag("kind", kind.name())
                    .description("Transfers committed, by kind").register(meters));
        }
    }

    /** Counts these transfers when the current transaction commits. */
    void countOnCommit(List<Transfer> transfers) {
        if (transfers.isEmpty()) {
            return;
        }
        var status = transactions.findTransactionStatus();
        if (status.isEmpty()) {
            count(transfers);
            return;
        }
        status.get().registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                count(transfers);
            }
        });
    }

    private void count(List<Transfer> transfers) {
        for (Transfer transfer : transfers) {
            byKind.get(transfer.kind()).increment();
        }
    }
}
