package dev.polyledger.ledger.application.port.out;

import dev.polyledger.ledger.domain.AccountId;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * The transaction boundary. {@link #inSerializableTransaction} runs work in one PostgreSQL
 * {@code SERIALIZABLE} transaction. At the outermost boundary, a serialization failure (SQLState
 * 40001), deadlock (40P01) or {@link TransientConflictException} rolls the transaction back and runs
 * the work again, with bounded, jittered exponential back-off; called inside an open transaction it
 * joins it and never retries (a retry inside the failed transaction could only fail again).
 * The work must therefore be free of side effects outside the database.
 */
public interface UnitOfWork {

    /**
     * @throws ContentionException when the retries are spent
     */
    <T> T inSerializableTransaction(Supplier<T> work);

    /**
     * Like {@link #inSerializableTransaction(Supplier)}, but first queues behind every other writer of the
     * given accounts (across all nodes), so that the transaction's snapshot is taken only once they have
     * committed: writers of a hot account wait their turn instead of failing serialization again and again.
     * Joining an open transaction takes no locks.
     *
     * @param serializeOn the accounts the work will change; empty for none
     * @throws ContentionException when the retries are spent or the queue does not move within the lock timeout
     */
    default <T> T inSerializableTransaction(Collection<AccountId> serializeOn, Supplier<T> work) {
        return inSerializableTransaction(work);
    }
}
