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
import dev.polyledger.ledger.domain.AccountId;
import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.DefaultTransactionDefinition;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * {@link UnitOfWork} on PostgreSQL: a {@code SERIALIZABLE} transaction, retried at the outermost boundary
 * with Failsafe (bounded attempts, exponential back-off with jitter) on SQLState 40001/40P01 — which
 * PostgreSQL may raise at any statement or at COMMIT — and on {@link TransientConflictException}.
 * Metrics: {@code ledger.tx.retries} (attempts that were retried), {@code ledger.tx.exhausted}.
 *
 * <p>With accounts to serialize on, the connection first takes one session-level advisory lock per account
 * ({@code ledger_lock_accounts}, ascending keys, migration V2) in autocommit mode, runs the transaction on that
 * same connection, and releases the locks in {@code finally}; a connection that dies releases them with its
 * session. The wait is bounded by the connection's {@code lock_timeout} (SQLState 55P03 → {@link ContentionException}).
 */
@Singleton
class SerializableUnitOfWork implements UnitOfWork {
    /** lock_not_available: the advisory-lock queue did not move within lock_timeout. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private final TransactionOperations<Connection> transactions;
    private final ConnectionOperations<Connection> connections;
    private final TransactionDefinition serializable;
    private final RetryPolicy<Object> retryPolicy;
    private final int maxAttempts;
    private final Counter exhausted;

    SerializableUnitOfWork(TransactionOperations<Connection> transactions, ConnectionOperations<Connection> connections,
                           LedgerProperties properties, MeterRegistry meters) {
        this.transactions = transactions;
        this.connections = connections;
        // No isolation on the definition: the transaction manager would then ask for and set the session's
        // isolation around every transaction (three extra round trips). The first statement sets it instead.
        var definition = new DefaultTransactionDefinition(TransactionDefinition.Propagation.REQUIRED);
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
            return Failsafe.with(retryPolicy).get(() -> transactions.execute(serializable, status -> {
                setSerializable(status.getConnection());
                return work.get();
            }));
        } catch (FailsafeException e) {
            throw exhaustedOr(e.getCause() == null ? e : e.getCause());
        } catch (RuntimeException e) {
            throw exhaustedOr(e);
        }
    }

    @Override
    public <T> T inSerializableTransaction(Collection<AccountId> serializeOn, Supplier<T> work) {
        if (serializeOn.isEmpty() || transactions.findTransactionStatus().isPresent()) {
            return inSerializableTransaction(work);
        }
        Long[] keys = serializeOn.stream().map(SerializableUnitOfWork::lockKey).distinct().sorted().toArray(Long[]::new);
        return connections.execute(ConnectionDefinition.DEFAULT, status -> {
            Connection connection = status.getConnection();
            lock(connection, keys);
            try {
                return inSerializableTransaction(work);
            } finally {
                unlock(connection);
            }
        });
    }

    /** Must be the transaction's first statement; the driver sends it together with BEGIN. */
    private static void setSerializable(Connection connection) throws SQLException {
        try (var st = connection.createStatement()) {
            st.execute("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
        }
    }

    /** The advisory-lock key of an account: the UUID folded to 64 bits (a collision only over-serializes). */
    static long lockKey(AccountId account) {
        return account.value().getMostSignificantBits() ^ account.value().getLeastSignificantBits();
    }

    private void lock(Connection connection, Long[] keys) {
        try (var ps = connection.prepareStatement("SELECT ledger_lock_accounts(?)")) {
            ps.setArray(1, connection.createArrayOf("bigint", keys));
            ps.execute();
        } catch (SQLException e) {
            unlock(connection);
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                exhausted.increment();
                throw new ContentionException(0, e);
            }
            throw new IllegalStateException("could not take account locks", e);
        }
    }

    private static void unlock(Connection connection) {
        try (var st = connection.createStatement()) {
            st.execute("SELECT pg_advisory_unlock_all()");
        } catch (SQLException e) {
            // The pool will find the connection broken; its session's locks went with it.
            throw new IllegalStateException("could not release account locks", e);
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
