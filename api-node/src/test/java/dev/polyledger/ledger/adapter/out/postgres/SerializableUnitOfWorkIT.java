package dev.polyledger.ledger.adapter.out.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyledger.ledger.application.port.out.ContentionException;
import dev.polyledger.ledger.application.port.out.TransientConflictException;
import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.testing.FreshDatabase;
import dev.polyledger.ledger.testing.LedgerInvariants;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The transaction boundary against the real PostgreSQL. */
@ExtendWith(FreshDatabase.class)
@MicronautTest(startApplication = false, transactional = false)
class SerializableUnitOfWorkIT {
    @Inject
    SerializableUnitOfWork unitOfWork;
    @Inject
    JdbcOperations jdbc;

    @Test
    void runsTheWorkSerializableOnTheSessionThatHoldsTheAccountLocks() throws SQLException {
        var account = new AccountId(UUID.randomUUID());
        long key = SerializableUnitOfWork.lockKey(account);
        // pg_locks shows a bigint advisory key as two unsigned 32-bit halves.
        String thisKey = "locktype = 'advisory' AND objsubid = 1 AND classid::bigint = " + ((key >>> 32) & 0xFFFFFFFFL)
                + " AND objid::bigint = " + (key & 0xFFFFFFFFL);

        String seen = unitOfWork.inSerializableTransaction(List.of(account), () -> jdbc.execute(conn -> {
            try (var rs = conn.createStatement().executeQuery("SELECT current_setting('transaction_isolation'), "
                    + "(SELECT count(*) FROM pg_locks WHERE " + thisKey + " AND pid = pg_backend_pid())")) {
                rs.next();
                return rs.getString(1) + "/" + rs.getLong(2);
            }
        }));

        assertThat(seen).isEqualTo("serializable/1");
        assertThat(LedgerInvariants.count("SELECT count(*) FROM pg_locks WHERE " + thisKey))
                .as("locks released after the transaction").isZero();
    }

    @Test
    void looksRowsUpThroughTheIndexEvenWhereTheStatisticsCallForAScan() {
        // Under SERIALIZABLE a sequential scan takes a predicate lock on the whole table, so every concurrent writer
        // of that table conflicts. Statistics taken while a table was tiny (or never refreshed: autovacuum may be off)
        // make the planner prefer a scan, and a cached plan keeps it. The pool's sessions must not.
        String plan = unitOfWork.inSerializableTransaction(() -> jdbc.execute(conn -> {
            try (var st = conn.createStatement()) {
                st.execute("CREATE TEMP TABLE tiny (id uuid PRIMARY KEY, currency text) ON COMMIT DROP");
                st.execute("INSERT INTO tiny VALUES (gen_random_uuid(), 'USD')");
                st.execute("ANALYZE tiny");
                var lines = new StringBuilder();
                try (var rs = st.executeQuery("EXPLAIN SELECT currency FROM tiny WHERE id = '00000000-0000-0000-0000-000000000001'")) {
                    while (rs.next()) {
                        lines.append(rs.getString(1)).append('\n');
                    }
                }
                return lines.toString();
            }
        }));

        assertThat(plan).contains("Index").doesNotContain("Seq Scan");
    }

    @Test
    void retriesTheWholeTransactionOnSerializationFailure() {
        var attempts = new AtomicInteger();
        String result = unitOfWork.inSerializableTransaction(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("wrapped", new SQLException("conflict", SqlStates.SERIALIZATION_FAILURE));
            }
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void retriesATransientConflictAndGivesUpAfterTheBudget() {
        var attempts = new AtomicInteger();
        assertThatThrownBy(() -> unitOfWork.inSerializableTransaction(List.of(new AccountId(UUID.randomUUID())), () -> {
            attempts.incrementAndGet();
            throw new TransientConflictException("again");
        })).isInstanceOf(ContentionException.class);
        assertThat(attempts).hasValue(12);
    }

    @Test
    void doesNotRetryOtherFailures() {
        var attempts = new AtomicInteger();
        assertThatThrownBy(() -> unitOfWork.inSerializableTransaction(() -> {
            attempts.incrementAndGet();
            throw new IllegalArgumentException("a bug, not a conflict");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void joinsAnOpenTransactionWithoutRetrying() {
        var inner = new AtomicInteger();
        assertThatThrownBy(() -> unitOfWork.inSerializableTransaction(() -> unitOfWork.inSerializableTransaction(() -> {
            inner.incrementAndGet();
            throw new TransientConflictException("inner");
        }))).isInstanceOf(ContentionException.class);
        // the outer boundary retried 12 times; each ran the inner work once, which never retried on its own
        assertThat(inner).hasValue(12);
    }
}
