package dev.polyledger.ledger.adapter.out.postgres;

import dev.polyledger.ledger.application.port.out.IdempotencyRecords;
import dev.polyledger.ledger.application.port.out.TransientConflictException;
import dev.polyledger.ledger.domain.IdempotencyKey;
import dev.polyledger.ledger.domain.IdempotencyRecord;
import dev.polyledger.ledger.domain.RecordedAnswer;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link IdempotencyRecords} in the {@code idempotency_key} table: the answer as {@code refusal} (null when the
 * command was done) and {@code response_body} (the document), migration V6.
 */
@Singleton
class PostgresIdempotencyRecords implements IdempotencyRecords {
    private final JdbcOperations jdbc;

    PostgresIdempotencyRecords(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<IdempotencyRecord> find(IdempotencyKey key, Instant now) {
        return Optional.ofNullable(findAll(List.of(key), now).get(key));
    }

    /**
     * One statement for all keys: a {@code UNION ALL} of exact primary-key lookups, one per key. Measured: a join with
     * {@code unnest} of the keys, or {@code = ANY} on both key columns, let PostgreSQL read (and, under SERIALIZABLE,
     * predicate-lock) far more of the index than the keys' own leaf pages, and concurrent groups then failed
     * serialization 2-4 times as often as with exact lookups.
     */
    @Override
    public Map<IdempotencyKey, IdempotencyRecord> findAll(Collection<IdempotencyKey> keys, Instant now) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        var wanted = List.copyOf(java.util.Set.copyOf(keys));
        String one = "(SELECT tenant_id, key, fingerprint, refusal, response_body, created_at, expires_at FROM idempotency_key "
                + "WHERE tenant_id = ? AND key = ? AND expires_at > ?)";
        String sql = String.join(" UNION ALL ", java.util.Collections.nCopies(wanted.size(), one));
        return jdbc.execute(conn -> {
            try (var ps = conn.prepareStatement(sql)) {
                int i = 1;
                for (IdempotencyKey key : wanted) {
                    ps.setString(i++, key.tenant().value());
                    ps.setString(i++, key.value());
                    Jdbc.setInstant(ps, i++, now);
                }
                var found = new HashMap<IdempotencyKey, IdempotencyRecord>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        var key = new IdempotencyKey(new dev.polyledger.ledger.domain.TenantId(rs.getString("tenant_id")),
                                rs.getString("key"));
                        found.put(key, new IdempotencyRecord(key, rs.getString("fingerprint"),
                                new RecordedAnswer(rs.getString("refusal"), rs.getString("response_body")),
                                Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "expires_at")));
                    }
                }
                return found;
            }
        });
    }

    @Override
    public void insert(IdempotencyRecord record) {
        jdbc.execute(conn -> {
            insertAll(conn, List.of(record));
            return null;
        });
    }

    /**
     * One JDBC batch on {@code conn}; a key that turns out to be recorded, unexpired, by a concurrent transaction
     * fails the whole transaction with {@link TransientConflictException}, whose retry then replays that record.
     */
    static void insertAll(Connection conn, List<IdempotencyRecord> records) throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        int[] stored;
        try (var ps = conn.prepareStatement("INSERT INTO idempotency_key (tenant_id, key, fingerprint, "
                + "refusal, response_body, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (tenant_id, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, "
                + "refusal = EXCLUDED.refusal, response_status = NULL, response_body = EXCLUDED.response_body, "
                + "created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at "
                + "WHERE idempotency_key.expires_at <= EXCLUDED.created_at")) {
            for (IdempotencyRecord record : records) {
                ps.setString(1, record.key().tenant().value());
                ps.setString(2, record.key().value());
                ps.setString(3, record.fingerprint());
                ps.setString(4, record.answer().refusal());
                ps.setString(5, record.answer().document());
                Jdbc.setInstant(ps, 6, record.createdAt());
                Jdbc.setInstant(ps, 7, record.expiresAt());
                ps.addBatch();
            }
            stored = ps.executeBatch();
        }
        for (int i = 0; i < stored.length; i++) {
            if (stored[i] == 0) {
                throw new TransientConflictException("idempotency key " + records.get(i).key()
                        + " was recorded by a concurrent request");
            }
        }
    }

    @Override
    public int deleteExpired(Instant now, int batchSize) {
        return jdbc.execute(conn -> {
            try (var ps = conn.prepareStatement("DELETE FROM idempotency_key WHERE (tenant_id, key) IN "
                    + "(SELECT tenant_id, key FROM idempotency_key WHERE expires_at <= ? LIMIT ?)")) {
                Jdbc.setInstant(ps, 1, now);
                ps.setInt(2, batchSize);
                return ps.executeUpdate();
            }
        });
    }
}
