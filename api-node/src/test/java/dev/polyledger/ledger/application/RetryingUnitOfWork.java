package dev.polyledger.ledger.application;

import dev.polyledger.ledger.application.port.out.ContentionException;
import dev.polyledger.ledger.application.port.out.TransientConflictException;
import dev.polyledger.ledger.application.port.out.UnitOfWork;
import java.util.function.Supplier;

/**
 * Runs the work again after a {@link TransientConflictException}, up to a number of attempts, as the
 * PostgreSQL adapter does at the outermost transaction boundary (without back-off).
 */
public final class RetryingUnitOfWork implements UnitOfWork {
    private final int maxAttempts;
    private int attempts;

    public RetryingUnitOfWork(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    @Override
    public <T> T inSerializableTransaction(Supplier<T> work) {
        TransientConflictException last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            attempts++;
            try {
                return work.get();
            } catch (TransientConflictException conflict) {
                last = conflict;
            }
        }
        throw new ContentionException(maxAttempts, last);
    }

    /** How many times the work ran, over all transactions. */
    public int attempts() {
        return attempts;
    }
}
