package dev.polyledger.ledger.adapter.out.postgres;

import dev.polyledger.ledger.application.port.out.CurrencyCatalog;
import dev.polyledger.ledger.application.port.out.Holds;
import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.Currency;
import dev.polyledger.ledger.domain.Hold;
import dev.polyledger.ledger.domain.Metadata;
import dev.polyledger.ledger.domain.Money;
import dev.polyledger.ledger.domain.TenantId;
import dev.polyledger.ledger.domain.TransferId;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link Holds} in the {@code hold} table (migration V8); a hold's {@code HOLD_POST} transfers are the transfers
 * naming it ({@code transfer.hold_id}). Every method is one statement or one JDBC batch (plus one query for the
 * transfers of the holds read) in the caller's transaction.
 */
@Singleton
class PostgresHolds implements Holds {
    private static final String COLUMNS = "h.tenant_id, h.id, h.source_account_id, h.destination_account_id, h.amount, "
            + "h.posted_amount, h.currency, h.status, h.reference, h.metadata::text AS metadata, h.request_id, "
            + "h.expires_at, h.created_at, h.updated_at, h.version, "
            + "ARRAY(SELECT t.id FROM transfer t WHERE t.hold_id = h.id ORDER BY t.created_at, t.id) AS transfers";

    private final JdbcOperations jdbc;
    private final JsonMapper json;
    private final CurrencyCatalog currencies;

    PostgresHolds(JdbcOperations jdbc, JsonMapper json, CurrencyCatalog currencies) {
        this.jdbc = jdbc;
        this.json = json;
        this.currencies = currencies;
    }

    @Override
    public Optional<Hold> find(TenantId tenant, UUID id) {
        return one("SELECT " + COLUMNS + " FROM hold h WHERE h.tenant_id = ? AND h.id = ?", tenant, id);
    }

    @Override
    public Optional<Hold> lock(TenantId tenant, UUID id) {
        return one("SELECT " + COLUMNS + " FROM hold h WHERE h.tenant_id = ? AND h.id = ? FOR UPDATE OF h", tenant, id);
    }

    private Optional<Hold> one(String sql, TenantId tenant, UUID id) {
        return jdbc.execute(conn -> {
            try (var ps = conn.prepareStatement(sql)) {
                ps.setString(1, tenant.value());
                ps.setObject(2, id);
                var found = list(ps);
                return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
            }
        });
    }

    @Override
    public List<Hold> lockDue(Instant now, int limit) {
        return jdbc.execute(conn -> {
            try (var ps = conn.prepareStatement("SELECT " + COLUMNS + " FROM hold h WHERE h.status = 'PENDING' "
                    + "AND h.expires_at <= ? ORDER BY h.expires_at LIMIT ? FOR UPDATE OF h SKIP LOCKED")) {
                Jdbc.setInstant(ps, 1, now);
                ps.setInt(2, limit);
                return list(ps);
            }
        });
    }

    @Override
    public List<Hold> bySource(TenantId tenant, AccountId account, Hold.Status status, int limit, UUID after) {
        return jdbc.execute(conn -> {
            String sql = "SELECT " + COLUMNS + " FROM hold h WHERE h.tenant_id = ? AND h.source_account_id = ?"
                    + (status == null ? "" : " AND h.status = ?")
                    + (after == null ? "" : " AND (h.created_at, h.id) < (SELECT a.created_at, a.id FROM hold a "
                    + "WHERE a.tenant_id = h.tenant_id AND a.id = ?)")
                    + " ORDER BY h.created_at DESC, h.id DESC LIMIT ?";
            try (var ps = conn.prepareStatement(sql)) {
                int i = 1;
                ps.setString(i++, tenant.value());
                ps.setObject(i++, account.value());
                if (status != null) {
                    ps.setString(i++, status.name());
                }
                if (after != null) {
                    ps.setObject(i++, after);
                }
                ps.setInt(i, limit);
                return list(ps);
            }
        });
    }

    @Override
    public void insertAll(Collection<Hold> holds) {
        if (holds.isEmpty()) {
            return;
        }
        jdbc.execute(conn -> {
            try (var ps = conn.prepareStatement("INSERT INTO hold (tenant_id, id, source_account_id, destination_account_id, "
                    + "amount, posted_amount, currency, status, reference, metadata, request_id, expires_at, created_at, "
                    + "updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)")) {
                for (Hold h : holds) {
                    ps.setString(1, h.tenantId().value());
                    ps.setObject(2, h.id());
                    ps.setObject(3, h.sourceAccountId().value());
                    ps.setObject(4, h.destinationAccountId().value());
                    ps.setLong(5, h.amount().minorUnits());
                    ps.setLong(6, h.postedAmount().minorUnits());
                    ps.setString(7, h.currency().code());
                    ps.setString(8, h.status().name());
                    ps.setString(9, h.reference());
                    ps.setString(10, Jdbc.json(json, h.metadata().values()));
                    ps.setString(11, h.requestId());
                    Jdbc.setInstant(ps, 12, h.expiresAt());
                    Jdbc.setInstant(ps, 13, h.createdAt());
                    Jdbc.setInstant(ps, 14, h.updatedAt());
                    ps.setLong(15, h.version());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public void updateAll(Collection<Hold> holds) {
        if (holds.isEmpty()) {
            return;
        }
        jdbc.execute(conn -> {
            update(conn, holds);
            return null;
        });
    }

    private static void update(Connection conn, Collection<Hold> holds) throws SQLException {
        try (var ps = conn.prepareStatement("UPDATE hold SET posted_amount = ?, status = ?, updated_at = ?, version = ? "
                + "WHERE tenant_id = ? AND id = ? AND version = ?")) {
            for (Hold h : holds) {
                ps.setLong(1, h.postedAmount().minorUnits());
                ps.setString(2, h.status().name());
                Jdbc.setInstant(ps, 3, h.updatedAt());
                ps.setLong(4, h.version());
                ps.setString(5, h.tenantId().value());
                ps.setObject(6, h.id());
                ps.setLong(7, h.version() - 1);
                ps.addBatch();
            }
            for (int count : ps.executeBatch()) {
                if (count != 1) {
                    throw new IllegalStateException("hold changed concurrently although it was locked");
                }
            }
        }
    }

    private List<Hold> list(PreparedStatement ps) throws SQLException {
        var holds = new ArrayList<Hold>();
        try (var rs = ps.executeQuery()) {
            while (rs.next()) {
                holds.add(map(rs));
            }
        }
        return holds;
    }

    private Hold map(ResultSet rs) throws SQLException {
        String code = rs.getString("currency");
        Currency currency = currencies.find(code).orElseThrow(() -> new IllegalStateException(
                "hold currency " + code + " is no longer configured"));
        var transfers = new ArrayList<TransferId>();
        for (Object id : (Object[]) rs.getArray("transfers").getArray()) {
            transfers.add(new TransferId((UUID) id));
        }
        return new Hold(new TenantId(rs.getString("tenant_id")), rs.getObject("id", UUID.class),
                new AccountId(rs.getObject("source_account_id", UUID.class)),
                new AccountId(rs.getObject("destination_account_id", UUID.class)),
                new Money(rs.getLong("amount"), currency), new Money(rs.getLong("posted_amount"), currency),
                Hold.Status.valueOf(rs.getString("status")), rs.getString("reference"),
                Metadata.of(Jdbc.stringMap(json, rs.getString("metadata"))), rs.getString("request_id"),
                Jdbc.instant(rs, "expires_at"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"),
                rs.getLong("version"), transfers);
    }
}
