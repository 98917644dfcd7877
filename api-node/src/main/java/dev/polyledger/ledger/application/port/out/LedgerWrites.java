package dev.polyledger.ledger.application.port.out;

import dev.polyledger.ledger.domain.Account;
import dev.polyledger.ledger.domain.IdempotencyRecord;
import dev.polyledger.ledger.domain.Transfer;
import java.util.List;
import java.util.Objects;

/**
 * Where the posting pipeline hands what one transaction changed: everything at once, in the caller's transaction.
 * The PostgreSQL adapter sends one JDBC batch per table.
 */
public interface LedgerWrites {

    /**
     * Writes {@code writes} in the current transaction.
     *
     * @throws TransientConflictException when an idempotency record's key was recorded, unexpired, by a concurrent
     *                                    transaction (the retry replays it)
     * @throws IllegalStateException      when an account is no longer at the version it was read at (a missed lock:
     *                                    never a lost update)
     */
    void write(WriteSet writes);

    /**
     * One transaction's writes; immutable.
     *
     * @param accounts  the accounts that changed, each with its state at the end and the version it was locked at
     * @param transfers posted transfers with their entries, in posting order
     * @param events    outbox events, in posting order
     * @param records   idempotency records of the requests answered
     */
    record WriteSet(List<AccountChange> accounts, List<Transfer> transfers, List<Outbox.OutboxEvent> events,
                    List<IdempotencyRecord> records) {
        public WriteSet {
            accounts = List.copyOf(accounts);
            transfers = List.copyOf(transfers);
            events = List.copyOf(events);
            records = List.copyOf(records);
        }

        public boolean isEmpty() {
            return accounts.isEmpty() && transfers.isEmpty() && events.isEmpty() && records.isEmpty();
        }
    }

    /**
     * @param after       the account after every change of this transaction
     * @param readVersion the version it had when it was locked (the guard of the update)
     */
    record AccountChange(Account after, long readVersion) {
        public AccountChange {
            Objects.requireNonNull(after, "after");
            if (after.version() <= readVersion) {
                throw new IllegalArgumentException("account " + after.id() + " did not change since version " + readVersion);
            }
        }
    }
}
