package dev.polyledger.ledger.adapter.out.postgres;

import dev.polyledger.ledger.application.port.out.CurrencyCatalog;
import dev.polyledger.ledger.application.port.out.Entries;
import dev.polyledger.ledger.application.port.out.Transfers;
import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.Currency;
import dev.polyledger.ledger.domain.Direction;
import dev.polyledger.ledger.domain.Entry;
import dev.polyledger.ledger.domain.Metadata;
import dev.polyledger.ledger.domain.Money;
import dev.polyledger.ledger.domain.TenantId;
import dev.polyledger.ledger.domain.Transfer;
import dev.polyledger.ledger.domain.TransferId;
import dev.polyledger.ledger.domain.TransferKind;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link Transfers} and {@link Entries} in the {@code transfer} and {@code entry} tables.
 */
@Singleton
class PostgresTransfers implements Transfers, Entries, dev.polyledger.ledger.application.port.out.Refunds {
    private static final String ENTRY_COLUMNS =
            "e.id AS entry_id, e.transfer_id, e.account_id, e.direction, e.amount AS entry_amount, e.currency AS entry_currency, "
                    + "e.balance_after, e.account_version, e.created_at AS entry_created_at, e.hash AS entry_hash";

    private final JdbcOperations jdbc;
    private final JsonMapper json;
    private final CurrencyCatalog currencies;

    PostgresTransfers(JdbcOperations jdbc, JsonMapper json, CurrencyCatalog currencies) {
        this.jdbc = jdbc;
        this.json = json;
        this.currencies = currencies;
    }

    @Override
    public void add(Transfer transfer) {
        jdbc.execute(conn -> {
            insertAll(conn, List.of(transfer));
            return null;
        });
    }

    /** The transfers, then their entries (the entries' foreign key needs the transfer): one JDBC batch each. */
    void insertAll(Connection conn, List<Transfer> transfers) throws SQLException {
        if (transfers.isEmpty()) {
            return;
        }
        {
            try (var ps = conn.prepareStatement("INSERT INTO transfer (tenant_id, id, kind, status, source_account_id, "
                    + "destination_account_id, amount, currency, reference, metadata, request_id, created_at, hold_id, refund_of) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)")) {
                for (Transfer t : transfers) {
                    ps.setString(1, t.tenantId().value());
                    ps.setObject(2, t.id().value());
                    ps.setString(3, t.kind().name());
                    ps.setString(4, t.status().name());
                    ps.setObject(5, t.sourceAccountId().value());
                    ps.setObject(6, t.destinationAccountId().value());
                    ps.setLong(7, t.amount().minorUnits());
                    ps.setString(8, t.amount().currency().code());
                    ps.setString(9, t.reference());
                    ps.setString(10, Jdbc.json(json, t.metadata().values()));
                    ps.setString(11, t.requestId());
                    Jdbc.setInstant(ps, 12, t.createdAt());
                    ps.setObject(13, t.holdId());
                    ps.setObject(14, t.refundOf() == null ? null : t.refundOf().value());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (var ps = conn.prepareStatement("INSERT INTO entry (tenant_id, id, transfer_id, account_id, direction, "
                    + "amount, currency, balance_after, account_version, created_at, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Transfer t : transfers) {
                    for (Entry e : t.entries()) {
                        ps.setString(1, t.tenantId().value());
                        ps.setObject(2, e.id());
                        ps.setObject(3, e.transferId().value());
                        ps.setObject(4, e.accountId().value());
                        ps.setString(5, e.direction().name());
                        ps.setLong(6, e.amount().minorUnits());
                        ps.setString(7, e.amount().currency().code());
                        ps.setLong(8, e.balanceAfter().minorUnits());
                        ps.setLong(9, e.accountVersion());
                        Jdbc.setInstant(ps, 10, e.createdAt());
                        ps.setString(11, e.hash());
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
        }
    }

    @Override
    public Optional<Transfer> find(TenantId tenant, TransferId id) {
        return find(tenant, id, false);
    }

    @Override
    public Optional<Transfer> lockOriginal(TenantId tenant, TransferId id) {
        return find(tenant, id, true);
    }

    @Override
    public void recordRefunded(Transfer after, long refundedBefore) {
        jdbc.execute(conn -> {
            try (var ps = conn.prepareStatement("UPDATE transfer SET refunded_amount = ? "
                    + "WHERE tenant_id = ? AND id = ? AND refunded_amount = ?")) {
                ps.setLong(1, after.refundedAmount().minorUnits());
                ps.setString(2, after.tenantId().value());
                ps.setObject(3, after.id().value());
                ps.setLong(4, refundedBefore);
                if (ps.executeUpdate() != 1) {
                    throw new IllegalStateException("transfer " + after.id() + " refunded concurrently although it was locked");
                }
                return null;
            }
        });
    }

    /** The transfer with its entries and refunds; with {@code lock}, its row locked ({@code FOR UPDATE OF t}). */
    private Optional<Transfer> find(TenantId tenant, TransferId id, boolean lock) {
        return jdbc.execute(conn -> {
            try (var ps = conn.prepareStatement("SELECT t.tenant_id, t.id, t.kind, t.status, t.source_account_id, "
                    + "t.destination_account_id, t.amount, t.currency, t.reference, t.metadata::text AS metadata, "
                    + "t.request_id, t.created_at, t.hold_id, t.refund_of, t.refunded_amount, "
                    + "ARRAY(SELECT r.id FROM transfer r WHERE r.refund_of = t.id ORDER BY r.created_at, r.id) AS refunds, "
                    + ENTRY_COLUMNS + " FROM transfer t JOIN entry e ON e.transfer_id = t.id "
                    + "WHERE t.id = ? AND t.tenant_id = ? ORDER BY e.direction DESC" + (lock ? " FOR UPDATE OF t" : ""))) {
                ps.setObject(1, id.value());
                ps.setString(2, tenant.value());
                try (var rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    var currency = currency(rs.getString("currency"));
                    var head = rs;
                    var entries = new ArrayList<Entry>();
                    var tenantId = new TenantId(head.getString("tenant_id"));
                    var transferId = new TransferId(head.getObject("id", UUID.class));
                    var kind = TransferKind.valueOf(head.getString("kind"));
                    var status = Transfer.Status.valueOf(head.getString("status"));
                    var source = new AccountId(head.getObject("source_account_id", UUID.class));
                    var destination = new AccountId(head.getObject("destination_account_id", UUID.class));
                    var amount = new Money(head.getLong("amount"), currency);
                    var reference = head.getString("reference");
                    var metadata = Metadata.of(Jdbc.stringMap(json, head.getString("metadata")));
                    var requestId = head.getString("request_id");
                    var createdAt = Jdbc.instant(head, "created_at");
                    var holdId = head.getObject("hold_id", UUID.class);
                    var refundOf = head.getObject("refund_of", UUID.class);
                    var refunded = new Money(head.getLong("refunded_amount"), currency);
                    var refunds = new ArrayList<TransferId>();
                    for (Object refund : (Object[]) head.getArray("refunds").getArray()) {
                        refunds.add(new TransferId((UUID) refund));
                    }
                    do {
                        entries.add(entry(rs));
                    } while (rs.next());
                    return Optional.of(new Transfer(tenantId, transferId, kind, status, source, destination, amount, reference,
                            metadata, requestId, createdAt, entries, holdId,
                            refundOf == null ? null : new TransferId(refundOf), refunded, refunds));
                }
            }
        });
    }

    @Override
    public List<Entry> page(TenantId tenant, AccountId accountId, int limit, Long beforeVersion) {
        return jdbc.execute(conn -> {
            String sql = "SELECT " + ENTRY_COLUMNS + " FROM entry e WHERE e.account_id = ? AND e.tenant_id = ?"
                    + (beforeVersion == null ? "" : " AND e.account_version < ?")
                    + " ORDER BY e.account_version DESC LIMIT ?";
            try (var ps = conn.prepareStatement(sql)) {
                int i = 1;
                ps.setObject(i++, accountId.value());
                ps.setString(i++, tenant.value());
                if (beforeVersion != null) {
                    ps.setLong(i++, beforeVersion);
                }
                ps.setInt(i, limit);
                var entries = new ArrayList<Entry>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entries.add(entry(rs));
                    }
                }
                return entries;
            }
        });
    }

    @Override
    public List<Entry> ascending(TenantId tenant, AccountId accountId, long afterVersion, long upToVersion, int limit) {
        return jdbc.execute(conn -> {
            try (var ps = conn.prepareStatement("SELECT " + ENTRY_COLUMNS + " FROM entry e WHERE e.account_id = ? "
                    + "AND e.tenant_id = ? AND e.account_version > ? AND e.account_version <= ? "
                    + "ORDER BY e.account_version LIMIT ?")) {
                ps.setObject(1, accountId.value());
                ps.setString(2, tenant.value());
                ps.setLong(3, afterVersion);
                ps.setLong(4, upToVersion);
                ps.setInt(5, limit);
                var entries = new ArrayList<Entry>(limit);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entries.add(entry(rs));
                    }
                }
                return entries;
            }
        });
    }

    private Entry entry(ResultSet rs) throws SQLException {
        Currency currency = currency(rs.getString("entry_currency"));
        return new Entry(
                rs.getObject("entry_id", UUID.class),
                new TransferId(rs.getObject("transfer_id", UUID.class)),
                new AccountId(rs.getObject("account_id", UUID.class)),
                Direction.valueOf(rs.getString("direction")),
                new Money(rs.getLong("entry_amount"), currency),
                new Money(rs.getLong("balance_after"), currency),
                rs.getLong("account_version"),
                Jdbc.instant(rs, "entry_created_at"),
                rs.getString("entry_hash"));
    }

    private Currency currency(String code) {
        return currencies.find(code).orElseThrow(() -> new IllegalStateException("currency " + code + " is not configured"));
    }
}
