package dev.polyledger.ledger.application.port.out;

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
}
