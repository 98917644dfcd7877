package dev.polyledger.ledger.adapter.out.postgres;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.polyledger.ledger.application.port.out.ContentionException;
import dev.polyledger.ledger.application.port.out.TransientConflictException;
import dev.polyledger.ledger.application.port.out.UnitOfWork;
import dev.polyledger.ledger.config.LedgerProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.DefaultTransactionDefinition;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.function.Supplier;

/**
 * {@link UnitOfWork} on PostgreSQL: a {@code SERIALIZABLE} transaction, retried at the outermost boundary
 * with Failsafe (bounded attempts, exponential back-off with jitter) on SQLState 40001/40P01 — which
 * PostgreSQL may raise at any statement or at COMMIT — and on {@link TransientConflictException}.
 * Metrics: {@code ledger.tx.retries} (attempts that were retried), {@code ledger.tx.exhausted}.
 */
@Singleton
class SerializableUnitOfWork implements UnitOfWork {
    private final TransactionOperations<Connection> transactions;
    private final TransactionDefinition serializable;
    private final RetryPolicy<Object> retryPolicy;
    private final int maxAttempts;
    private final Counter exhausted;

    SerializableUnitOfWork(TransactionOperations<Connection> transactions, LedgerProperties properties,
                           MeterRegistry meters) {
        this.transactions = transactions;
        var definition = new DefaultTransactionDefinition(TransactionDefinition.Propagation.REQUIRED);
        definition.setIsolationLevel(TransactionDefinition.Isolation.SERIALIZABLE);
        definition.setName("ledger-serializable");
        this.serializable = definition;
        var retry = properties.retry();
        this.maxAttempts = retry.maxAttempts();
        Counter retries = meters.counter("ledger.tx.retries");
        this.exhausted = meters.counter("ledger.tx.exhausted");
        this.retryPolicy = RetryPolicy.builder()
                .handleIf(SerializableUnitOfWork::isRetryable)
                .withMaxAttempts(maxAttempts)
                .withBackoff(retry.initialBackoff(), retry.maxBackoff())
                .withJitter(0.5)
                .onRetry(event -> retries.increment())
                .build();
    }

    @Override
    public <T> T inSerializableTransaction(Supplier<T> work) {
        if (transactions.findTransactionStatus().isPresent()) {
            return work.get();
        }
        try {
            return Failsafe.with(retryPolicy).get(() -> transactions.execute(serializable, status -> work.get()));
        } catch (FailsafeException e) {
            throw exhaustedOr(e.getCause() == null ? e : e.getCause());
        } catch (RuntimeException e) {
            throw exhaustedOr(e);
        }
    }

    private RuntimeException exhaustedOr(Throwable failure) {
        if (isRetryable(failure)) {
            exhausted.increment();
            return new ContentionException(maxAttempts, failure);
        }
        return failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
    }

    private static boolean isRetryable(Throwable failure) {
        return failure instanceof TransientConflictException || SqlStates.isRetryable(failure);
    }
}
