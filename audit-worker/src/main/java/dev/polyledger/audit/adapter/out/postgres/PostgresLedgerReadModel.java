package dev.polyledger.audit.adapter.out.postgres;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polyledger.audit.application.port.out.LedgerReadModel;
import dev.polyledger.audit.application.port.out.LedgerUnavailableException;
import dev.polyledger.audit.domain.LedgerTransfer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import dev.polyledger.audit.config.AuditProperties;

/**
 * {@link LedgerReadModel} on the api-node's PostgreSQL tables ({@code transfer}, {@code entry}, {@code batch_item},
 * {@code outbox}; migrations {@code V1}..{@code V13} of api-node) and platform-http's {@code auth.tenant}, through the
 * worker's one datasource ({@code datasources.default}: {@code LEDGER_DB_URL}, the ledger's database, where the
 * {@code auth} schema of the API keys lives too). Nothing else reads the ledger in this worker.
 *
 * <p>Read only by construction: every call is one transaction begun with {@code SET TRANSACTION READ ONLY} (PostgreSQL
 * then refuses any write, whatever the role may do) and a {@code statement_timeout} ({@code
 * audit.reconciliation.statement-timeout}), and rolled back at the end. A deployment may also give the worker a role
 * with {@code SELECT} only on these tables (README, "Reconciliation and rebuild").
 *
 * <p>Window reads use {@code transfer_by_tenant_created (tenant_id, created_at, id)} (V13); entries are read by
 * transfer id ({@code entry_one_per_side}), in one statement per call, not one per transfer. The event id and actor of
 * a transfer come from its {@code transfer.posted} outbox row while the outbox keeps it ({@code outbox_aggregate_sequence}).
 */
@Singleton
class PostgresLedgerReadModel implements LedgerReadModel {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final String TRANSFER_COLUMNS = "SELECT t.id, t.tenant_id, t.kind, t.source_account_id, "
            + "t.destination_account_id, t.amount, t.currency, t.reference, t.metadata::text AS metadata, t.created_at, "
            + "t.request_id, t.hold_id, t.refund_of, "
            + "(SELECT bi.batch_id FROM batch_item bi WHERE bi.transfer_id = t.id) AS batch_id, "
            + "o.event_id, o.actor "
            + "FROM transfer t LEFT JOIN outbox o ON o.aggregate_id = t.id AND o.event_type = 'transfer.posted' ";
    private static final String IN_WINDOW = TRANSFER_COLUMNS
            + "WHERE t.tenant_id = ? AND t.created_at >= ? AND t.created_at < ? ORDER BY t.created_at, t.id";
    private static final String BY_IDS = TRANSFER_COLUMNS + "WHERE t.tenant_id = ? AND t.id = ANY(?)";
    private static final String ENTRIES = "SELECT transfer_id, account_id, direction, amount, balance_after, hash "
            + "FROM entry WHERE tenant_id = ? AND transfer_id = ANY(?)";
    private static final String CONSERVATION = "SELECT currency, "
            + "sum(CASE WHEN direction = 'CREDIT' THEN amount ELSE -amount END) AS imbalance FROM entry GROUP BY currency";

    private final DataSource dataSource;
    private final long timeoutMillis;

    @Inject
    PostgresLedgerReadModel(DataSource dataSource, AuditProperties.Reconciliation settings) {
        this(dataSource, settings.statementTimeout());
    }

    /** @param statementTimeout the longest one statement may run; exceeded: {@link LedgerUnavailableException} */
    PostgresLedgerReadModel(DataSource dataSource, Duration statementTimeout) {
        this.dataSource = dataSource;
        this.timeoutMillis = statementTimeout.toMillis();
    }

    @Override
    public List<String> tenants() {
        return readOnly(conn -> {
            List<String> ids = new ArrayList<>();
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM auth.tenant ORDER BY id")) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        });
    }

    @Override
    public List<LedgerTransfer> transfers(String tenantId, Instant from, Instant to) {
        return readOnly(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(IN_WINDOW)) {
                ps.setString(1, tenantId);
                ps.setTimestamp(2, Timestamp.from(from));
                ps.setTimestamp(3, Timestamp.from(to));
                return withEntries(conn, tenantId, ps);
            }
        });
    }

    @Override
    public List<LedgerTransfer> transfers(String tenantId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return readOnly(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(BY_IDS)) {
                ps.setString(1, tenantId);
                ps.setArray(2, conn.createArrayOf("uuid", ids.toArray()));
                return withEntries(conn, tenantId, ps);
            }
        });
    }

    @Override
    public Map<String, Long> conservationImbalance() {
        return readOnly(conn -> {
            Map<String, Long> sums = new LinkedHashMap<>();
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(CONSERVATION)) {
                while (rs.next()) {
                    BigDecimal sum = rs.getBigDecimal("imbalance");
                    sums.put(rs.getString("currency").trim(), clamp(sum));
                }
            }
            return sums;
        });
    }

    private static long clamp(BigDecimal sum) {
        if (sum.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return Long.MAX_VALUE;
        }
        return sum.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0 ? Long.MIN_VALUE : sum.longValue();
    }

    private List<LedgerTransfer> withEntries(Connection conn, String tenantId, PreparedStatement transfers)
            throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (ResultSet rs = transfers.executeQuery()) {
            while (rs.next()) {
                rows.add(row(rs));
            }
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<LedgerTransfer.Entry>> entries = new HashMap<>();
        try (PreparedStatement ps = conn.prepareStatement(ENTRIES)) {
            ps.setString(1, tenantId);
            ps.setArray(2, conn.createArrayOf("uuid", rows.stream().map(Row::id).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.computeIfAbsent(rs.getObject("transfer_id", UUID.class), id -> new ArrayList<>())
                            .add(new LedgerTransfer.Entry(rs.getObject("account_id", UUID.class), rs.getString("direction"),
                                    rs.getLong("amount"), rs.getLong("balance_after"), rs.getString("hash")));
                }
            }
        }
        return rows.stream().map(r -> r.transfer(entries.getOrDefault(r.id(), List.of()))).toList();
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getString("tenant_id"), rs.getString("kind"),
                rs.getObject("source_account_id", UUID.class), rs.getObject("destination_account_id", UUID.class),
                rs.getLong("amount"), rs.getString("currency").trim(), rs.getString("reference"),
                metadata(rs.getString("metadata")), rs.getTimestamp("created_at").toInstant(), rs.getString("request_id"),
                rs.getObject("batch_id", UUID.class), rs.getObject("hold_id", UUID.class),
                rs.getObject("refund_of", UUID.class), rs.getObject("event_id", UUID.class), rs.getString("actor"));
    }

    private static Map<String, String> metadata(String json) throws SQLException {
        if (json == null) {
            return Map.of();
        }
        try {
            Map<String, String> out = new LinkedHashMap<>();
            JSON.readValue(json, OBJECT).forEach((k, v) -> out.put(k, v == null ? null : String.valueOf(v)));
            return out;
        } catch (java.io.IOException e) {
            throw new SQLException("transfer metadata is not a JSON object: " + e.getMessage(), e);
        }
    }

    /** One read-only transaction with the statement timeout, rolled back at the end. */
    private <T> T readOnly(SqlWork<T> work) {
        try (Connection conn = dataSource.getConnection()) {
            boolean autoCommit = conn.getAutoCommit();
            conn.setAutoCommit(false);
            try (Statement st = conn.createStatement()) {
                st.execute("SET TRANSACTION READ ONLY");
                st.execute("SET LOCAL statement_timeout = " + timeoutMillis);
                return work.run(conn);
            } finally {
                conn.rollback();
                conn.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new LedgerUnavailableException("the ledger could not be read: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection conn) throws SQLException;
    }

    private record Row(UUID id, String tenantId, String kind, UUID source, UUID destination, long amount, String currency,
                       String reference, Map<String, String> metadata, Instant createdAt, String requestId, UUID batchId,
                       UUID holdId, UUID refundOf, UUID eventId, String actor) {
        LedgerTransfer transfer(List<LedgerTransfer.Entry> entries) {
            return new LedgerTransfer(id, tenantId, kind, source, destination, amount, currency, reference, metadata,
                    createdAt, requestId, batchId, holdId, refundOf, entries, eventId, actor);
        }
    }
}
