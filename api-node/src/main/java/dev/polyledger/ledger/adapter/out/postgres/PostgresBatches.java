package dev.polyledger.ledger.adapter.out.postgres;

import dev.polyledger.ledger.application.port.out.Batches;
import dev.polyledger.ledger.application.port.out.LedgerWrites;
import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.Batch;
import dev.polyledger.ledger.domain.BatchChunk;
import dev.polyledger.ledger.domain.BatchItem;
import dev.polyledger.ledger.domain.BatchItemRef;
import dev.polyledger.ledger.domain.Metadata;
import dev.polyledger.ledger.domain.TenantId;
import dev.polyledger.ledger.domain.TransferId;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@link Batches} in the {@code batch} and {@code batch_item} tables (migration V7). Item status changes are written
 * by {@link #writeResults} within {@link LedgerWrites#write}: each guarded by {@code status = 'PENDING'}, so an item is
 * processed once however often its chunk is delivered.
 */
@Singleton
class PostgresBatches implements Batches {
    private static final String BATCH_COLUMNS = "tenant_id, id, mode, status, total, posted, rejected, actor, request_id, "
            + "created_at, completed_at";
    private static final String ITEM_COLUMNS = "index, source_account_id, destination_account_id, amount, currency, "
            + "reference, metadata::text AS metadata, status, transfer_id, code, detail";

    private final JdbcOperations jdbc;
    private final JsonMapper json;

    PostgresBatches(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The batch row, then the items as one JDBC batch (10,000 rows are one round trip with the driver's rewriting). */
    @Override
    public void add(Batch batch, List<BatchItem> items) {
        jdbc.execute(conn -> {
            try (var ps = conn.prepareStatement("INSERT INTO batch (tenant_id, id, mode, status, total, posted, rejected, "
                    + "actor, request_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, 0, ?, ?, ?, ?)")) {
                ps.setString(1, batch.tenant().value());
                ps.setObject(2, batch.id());
                ps.setString(3, batch.mode());
                ps.setString(4, batch.status().name());
                ps.setInt(5, batch.total());
                ps.setString(6, batch.actor());
                ps.setString(7, batch.requestId());
                Jdbc.setInstant(ps, 8, batch.createdAt());
                Jdbc.setInstant(ps, 9, batch.createdAt());
                ps.executeUpdate();
            }
            try (var ps = conn.prepareStatement("INSERT INTO batch_item (tenant_id, batch_id, index, source_account_id, "
                    + "destination_account_id, amount, currency, reference, metadata, status) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, 'PENDING')")) {
                for (BatchItem item : items) {
                    ps.setString(1, batch.tenant().value());
                    ps.setObject(2, batch.id());
                    ps.setInt(3, item.index());
                    ps.setObject(4, item.source().value());
                    ps.setObject(5, item.destination().value());
                    ps.setString(6, item.amount());
                    ps.setString(7, item.currency());
                    ps.setString(8, item.reference());
                    ps.setString(9, Jdbc.json(json, item.metadata().values()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public Optional<Batch> find(TenantId tenant, UUID id) {
        return jdbc.execute(conn -> {
            try (var ps = conn.prepareStatement("SELECT " + BATCH_COLUMNS + " FROM batch WHERE tenant_id = ? AND id = ?")) {
                ps.setString(1, tenant.value());
                ps.setObject(2, id);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(batch(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<BatchItem> items(TenantId tenant, UUID batchId, int from, int to) {
        return jdbc.execute(conn -> {
            try (var ps = conn.prepareStatement("SELECT " + ITEM_COLUMNS + " FROM batch_item WHERE tenant_id = ? "
                    + "AND batch_id = ? AND index >= ? AND index < ? ORDER BY index")) {
                ps.setString(1, tenant.value());
                ps.setObject(2, batchId);
                ps.setInt(3, from);
                ps.setInt(4, to);
                return items(ps);
            }
        });
    }

    @Override
    public List<BatchItem> page(TenantId tenant, UUID batchId, BatchItem.Status status, int afterIndex, int limit) {
        return jdbc.execute(conn -> {
            try (var ps = conn.prepareStatement("SELECT " + ITEM_COLUMNS + " FROM batch_item WHERE tenant_id = ? "
                    + "AND batch_id = ? AND index > ?" + (status == null ? "" : " AND status = ?") + " ORDER BY index LIMIT ?")) {
                int i = 1;
                ps.setString(i++, tenant.value());
                ps.setObject(i++, batchId);
                ps.setInt(i++, afterIndex);
                if (status != null) {
                    ps.setString(i++, status.name());
                }
                ps.setInt(i, limit);
                return items(ps);
            }
        });
    }

    @Override
    public Set<BatchItemRef> lockPending(Collection<BatchItemRef> refs) {
        if (refs.isEmpty()) {
            return Set.of();
        }
        return jdbc.execute(conn -> {
            try (var ps = conn.prepareStatement("SELECT i.tenant_id, i.batch_id, i.index, i.status FROM batch_item i "
                    + "JOIN unnest(?::text[], ?::uuid[], ?::int[]) AS r(tenant_id, batch_id, index) "
                    + "ON i.tenant_id = r.tenant_id AND i.batch_id = r.batch_id AND i.index = r.index "
                    + "ORDER BY i.tenant_id, i.batch_id, i.index FOR UPDATE OF i")) {
                ps.setArray(1, conn.createArrayOf("text", refs.stream().map(r -> r.tenant().value()).toArray()));
                ps.setArray(2, conn.createArrayOf("uuid", refs.stream().map(BatchItemRef::batchId).toArray()));
                ps.setArray(3, conn.createArrayOf("integer", refs.stream().map(BatchItemRef::index).toArray()));
                var pending = new HashSet<BatchItemRef>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if ("PENDING".equals(rs.getString("status"))) {
                            pending.add(new BatchItemRef(new TenantId(rs.getString("tenant_id")),
                                    rs.getObject("batch_id", UUID.class), rs.getInt("index")));
                        }
                    }
                }
                return pending;
            }
        });
    }

    /**
     * The items' new statuses, then their batches' counts: two JDBC batches in the caller's transaction. An item that
     * is no longer {@code PENDING} fails the transaction: the pipeline locked it as pending, so that is a missed lock.
     */
    static void writeResults(Connection conn, List<LedgerWrites.ItemResult> results, Instant now) throws SQLException {
        if (results.isEmpty()) {
            return;
        }
        try (var ps = conn.prepareStatement("UPDATE batch_item SET status = ?, transfer_id = ?, code = ?, detail = ?, "
                + "processed_at = ? WHERE tenant_id = ? AND batch_id = ? AND index = ? AND status = 'PENDING'")) {
            for (var result : results) {
                ps.setString(1, result.posted() ? "POSTED" : "REJECTED");
                ps.setObject(2, result.posted() ? result.transfer().value() : null);
                ps.setString(3, result.code());
                ps.setString(4, result.detail());
                Jdbc.setInstant(ps, 5, now);
                ps.setString(6, result.item().tenant().value());
                ps.setObject(7, result.item().batchId());
                ps.setInt(8, result.item().index());
                ps.addBatch();
            }
            for (int count : ps.executeBatch()) {
                if (count != 1) {
                    throw new IllegalStateException("a batch item was processed concurrently although it was locked");
                }
            }
        }
        Map<BatchKey, int[]> counts = new HashMap<>();
        for (var result : results) {
            int[] c = counts.computeIfAbsent(new BatchKey(result.item().tenant(), result.item().batchId()), k -> new int[2]);
            c[result.posted() ? 0 : 1]++;
        }
        try (var ps = conn.prepareStatement("UPDATE batch SET posted = posted + ?, rejected = rejected + ?, updated_at = ? "
                + "WHERE tenant_id = ? AND id = ?")) {
            for (var entry : counts.entrySet()) {
                ps.setInt(1, entry.getValue()[0]);
                ps.setInt(2, entry.getValue()[1]);
                Jdbc.setInstant(ps, 3, now);
                ps.setString(4, entry.getKey().tenant().value());
                ps.setObject(5, entry.getKey().id());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private record BatchKey(TenantId tenant, UUID id) {
    }

    @Override
    public Optional<Batch> completeIfDone(TenantId tenant, UUID id, Instant now) {
        return jdbc.execute(conn -> {
            try (var ps = conn.prepareStatement("UPDATE batch SET status = 'COMPLETED', completed_at = ?, updated_at = ? "
                    + "WHERE tenant_id = ? AND id = ? AND status = 'PROCESSING' AND posted + rejected = total "
                    + "RETURNING " + BATCH_COLUMNS)) {
                Jdbc.setInstant(ps, 1, now);
                Jdbc.setInstant(ps, 2, now);
                ps.setString(3, tenant.value());
                ps.setObject(4, id);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(batch(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<BatchChunk> stalled(Instant now, Duration quietFor, int chunkSize, int limit) {
        return jdbc.execute(conn -> {
            try (var ps = conn.prepareStatement("SELECT b.tenant_id, b.id, b.total, (SELECT min(i.index) FROM batch_item i "
                    + "WHERE i.tenant_id = b.tenant_id AND i.batch_id = b.id AND i.status = 'PENDING') AS first_pending "
                    + "FROM batch b WHERE b.status = 'PROCESSING' AND b.updated_at < ? ORDER BY b.updated_at LIMIT ?")) {
                Jdbc.setInstant(ps, 1, now.minus(quietFor));
                ps.setInt(2, limit);
                var chunks = new ArrayList<BatchChunk>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int firstPending = rs.getObject("first_pending") == null ? rs.getInt("total") - 1 : rs.getInt("first_pending");
                        chunks.add(new BatchChunk(new TenantId(rs.getString("tenant_id")), rs.getObject("id", UUID.class),
                                firstPending / chunkSize * chunkSize));
                    }
                }
                return chunks;
            }
        });
    }

    private List<BatchItem> items(java.sql.PreparedStatement ps) throws SQLException {
        var items = new ArrayList<BatchItem>();
        try (var rs = ps.executeQuery()) {
            while (rs.next()) {
                UUID transfer = rs.getObject("transfer_id", UUID.class);
                items.add(new BatchItem(rs.getInt("index"), new AccountId(rs.getObject("source_account_id", UUID.class)),
                        new AccountId(rs.getObject("destination_account_id", UUID.class)), rs.getString("amount"),
                        rs.getString("currency"), rs.getString("reference"),
                        Metadata.of(Jdbc.stringMap(json, rs.getString("metadata"))),
                        BatchItem.Status.valueOf(rs.getString("status")), transfer == null ? null : new TransferId(transfer),
                        rs.getString("code"), rs.getString("detail")));
            }
        }
        return items;
    }

    private static Batch batch(ResultSet rs) throws SQLException {
        return new Batch(new TenantId(rs.getString("tenant_id")), rs.getObject("id", UUID.class), rs.getString("mode"),
                Batch.Status.valueOf(rs.getString("status")), rs.getInt("total"), rs.getInt("posted"),
                rs.getInt("rejected"), rs.getString("actor"), rs.getString("request_id"), Jdbc.instant(rs, "created_at"),
                rs.getTimestamp("completed_at") == null ? null : Jdbc.instant(rs, "completed_at"));
    }
}
