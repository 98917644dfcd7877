package dev.polyledger.ledger.adapter.out.postgres;

import dev.polyledger.ledger.application.port.in.IdempotencyKey;
import dev.polyledger.ledger.application.port.in.IdempotencyRecord;
import dev.polyledger.ledger.application.port.in.RecordedResponse;
import dev.polyledger.ledger.application.port.out.IdempotencyRecords;
import dev.polyledger.ledger.application.port.out.TransientConflictException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link IdempotencyRecords} in the {@code idempotency_key} table. */
@Singleton
class PostgresIdempotencyRecords implements IdempotencyRecords {
    private final JdbcOperations jdbc;
    private final PendingWrites pending;
    private final PendingWrites.Writer<IdempotencyRecord> insertAll = this::insert;

    PostgresIdempotencyRecords(JdbcOperations jdbc, PendingWrites pending) {
        this.jdbc = jdbc;
        this.pending = pending;
    }

    /** Also finds a record held for the end of this shared transaction: the same key twice in one group. */
    @Override
    public Optional<IdempotencyRecord> find(IdempotencyKey key, Instant now) {
        for (IdempotencyRecord held : pending.held(insertAll)) {
            if (held.key().equals(key) && held.expiresAt().isAfter(now)) {
                return Optional.of(held);
            }
        }
        return jdbc.execute(conn -> {
            try (var ps = conn.prepareStatement("SELECT fingerprint, response_status, response_body, created_at, expires_at "
                    + "FROM idempotency_key WHERE tenant_id = ? AND key = ? AND expires_at > ?")) {
                ps.setString(1, key.tenant().value());
                ps.setString(2, key.value());
                Jdbc.setInstant(ps, 3, now);
                try (var rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new IdempotencyRecord(key, rs.getString("fingerprint"),
                            new RecordedResponse(rs.getInt("response_status"), rs.getString("response_body")),
                            Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "expires_at")));
                }
            }
        });
    }

    @Override
    public void insert(IdempotencyRecord record) {
        if (!pending.hold(insertAll, record)) {
            insertAll.write(List.of(record));
        }
    }

    /**
     * One JDBC batch; a key that turns out to be recorded, unexpired, by a concurrent transaction fails the
     * whole transaction with {@link TransientConflictException}, whose retry then replays that record.
     */
    private void insert(List<IdempotencyRecord> records) {
        int[] stored = jdbc.execute(conn -> {
            try (var ps = conn.prepareStatement("INSERT INTO idempotency_key (tenant_id, key, fingerprint, "
                    + "response_status, response_body, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (tenant_id, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, "
                    + "response_status = EXCLUDED.response_status, response_body = EXCLUDED.response_body, "
                    + "created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at "
                    + "WHERE idempotency_key.expires_at <= EXCLUDED.created_at")) {
                for (IdempotencyRecord record : records) {
                    ps.setString(1, record.key().tenant().value());
                    ps.setString(2, record.key().value());
                    ps.setString(3, record.fingerprint());
                    ps.setInt(4, record.response().status());
                    ps.setString(5, record.response().body());
                    Jdbc.setInstant(ps, 6, record.createdAt());
                    Jdbc.setInstant(ps, 7, record.expiresAt());
                    ps.addBatch();
                }
                return ps.executeBatch();
            }
        });
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
