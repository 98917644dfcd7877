package dev.polyledger.ledger.application.port.out;

import dev.polyledger.ledger.domain.Account;
import dev.polyledger.ledger.domain.BatchItemRef;
import dev.polyledger.ledger.domain.TransferId;
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
     * @param items     batch items processed: each becomes POSTED or REJECTED (it must still be PENDING), and its
     *                  batch's counts move with it
     */
    record WriteSet(List<AccountChange> accounts, List<Transfer> transfers, List<Outbox.OutboxEvent> events,
                    List<IdempotencyRecord> records, List<ItemResult> items) {
        public WriteSet {
            accounts = List.copyOf(accounts);
            transfers = List.copyOf(transfers);
            events = List.copyOf(events);
            records = List.copyOf(records);
            items = List.copyOf(items);
        }

        public WriteSet(List<AccountChange> accounts, List<Transfer> transfers, List<Outbox.OutboxEvent> events,
                        List<IdempotencyRecord> records) {
            this(accounts, transfers, events, records, List.of());
        }

        public boolean isEmpty() {
            return accounts.isEmpty() && transfers.isEmpty() && events.isEmpty() && records.isEmpty() && items.isEmpty();
        }
    }

    /**
     * What became of a batch item.
     *
     * @param item     the item
     * @param transfer its transfer when posted; null when rejected
     * @param currency the transfer's currency (the item's)
     * @param code     the rejection code when rejected; null when posted
     * @param detail   the rejection's sentence; null when posted
     */
    record ItemResult(BatchItemRef item, TransferId transfer, String currency, String code, String detail) {
        public ItemResult {
            Objects.requireNonNull(item, "item");
            if ((transfer == null) == (code == null)) {
                throw new IllegalArgumentException("an item is either posted (transfer) or rejected (code)");
            }
        }

        public boolean posted() {
            return transfer != null;
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
