package dev.polyledger.ledger.adapter.out.postgres;

import dev.polyledger.ledger.application.port.out.ChurnedTables;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * {@link ChurnedTables} as {@code VACUUM (ANALYZE, SKIP_LOCKED)} of each table. VACUUM cannot run inside a
 * transaction block (PostgreSQL docs, "VACUUM"), so it runs on a pool connection of its own in auto-commit mode,
 * outside any transaction of the application; {@code SKIP_LOCKED} (PostgreSQL 12+) makes a node skip a table
 * another node is vacuuming instead of queueing behind it. VACUUM takes a SHARE UPDATE EXCLUSIVE lock, which does
 * not block reads or writes of the table.
 */
@Singleton
class PostgresChurnedTables implements ChurnedTables {
    static final Map<Churn, List<String>> TABLES = Map.of(
            Churn.OUTBOX, List.of("outbox"),
            Churn.IDEMPOTENCY_KEYS, List.of("idempotency_key"),
            Churn.MUTABLE_STATE, List.of("account", "hold", "batch", "batch_item"),
            Churn.POSTINGS, List.of("transfer", "entry"));
    private final DataSource dataSource;

    /**
     * @param resolver unwraps the application's transaction-aware {@code DataSource} proxy (which only hands out
     *                 the connection of a surrounding transaction) into the pool
     */
    PostgresChurnedTables(DataSource dataSource, @Nullable DataSourceResolver resolver) {
        this.dataSource = resolver == null ? dataSource : resolver.resolve(dataSource);
    }

    @Override
    public void reclaim(Churn churn) {
        try (Connection conn = dataSource.getConnection()) {
            boolean autoCommit = conn.getAutoCommit();
            conn.setAutoCommit(true);
            try (var st = conn.createStatement()) {
                st.execute("VACUUM (ANALYZE, SKIP_LOCKED) " + String.join(", ", TABLES.get(churn)));
            } finally {
                conn.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("VACUUM of " + TABLES.get(churn) + " failed: " + e.getMessage(), e);
        }
    }
}
