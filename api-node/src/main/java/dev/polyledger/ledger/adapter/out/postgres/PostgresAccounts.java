package dev.polyledger.ledger.adapter.out.postgres;

import dev.polyledger.ledger.application.port.out.Accounts;
import dev.polyledger.ledger.application.port.out.CurrencyCatalog;
import dev.polyledger.ledger.application.port.out.LedgerWrites;
import dev.polyledger.ledger.domain.Account;
import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.AccountStatus;
import dev.polyledger.ledger.domain.AccountType;
import dev.polyledger.ledger.domain.Currency;
import dev.polyledger.ledger.domain.Metadata;
import dev.polyledger.ledger.domain.Money;
import dev.polyledger.ledger.domain.TenantId;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link Accounts} in the {@code account} table. No state between calls: every method is one statement (or one
 * JDBC batch) in the caller's transaction; updates are guarded by the version each account was locked at. The head
 * of the account's hash chain ({@code head_hash}) is read with the lock and written with the balance, so chaining an
 * entry costs no statement of its own.
 */
@Singleton
class PostgresAccounts implements Accounts {
    private static final String COLUMNS = "tenant_id, id, currency, type, owner_id, status, balance, held_amount, allow_negative_balance, world, "
            + "version, metadata::text AS metadata, created_at, updated_at, head_hash";

    private final JdbcOperations jdbc;
    private final JsonMapper json;
    private final CurrencyCatalog currencies;

    PostgresAccounts(JdbcOperations jdbc, JsonMapper json, CurrencyCatalog currencies) {
        this.jdbc = jdbc;
        this.json = json;
        this.currencies = currencies;
    }

    @Override
    public Optional<Account> find(TenantId tenant, AccountId id) {
        return jdbc.execute(conn -> {
            try (var ps = conn.prepareStatement("SELECT " + COLUMNS + " FROM account WHERE id = ? AND tenant_id = ?")) {
                ps.setObject(1, id.value());
                ps.setString(2, tenant.value());
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<String> currencyCodeOf(TenantId tenant, AccountId id) {
        return jdbc.execute(conn -> {
            try (var ps = conn.prepareStatement("SELECT currency FROM account WHERE id = ? AND tenant_id = ?")) {
                ps.setObject(1, id.value());
                ps.setString(2, tenant.value());
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Map<AccountId, Account> lockInOrder(TenantId tenant, Collection<AccountId> ids) {
        return selectForUpdate(tenant, ids);
    }

    @Override
    public Map<AccountId, Account> lockAllInOrder(Collection<AccountId> ids) {
        return selectForUpdate(null, ids);
    }

    /** Locks the accounts among {@code ids} of {@code tenant} (of any tenant when null), in id order. */
    private Map<AccountId, Account> selectForUpdate(TenantId tenant, Collection<AccountId> ids) {
        return jdbc.execute(conn -> {
            try (var ps = conn.prepareStatement("SELECT " + COLUMNS + " FROM account WHERE id = ANY(?)"
                    + (tenant == null ? "" : " AND tenant_id = ?") + " ORDER BY id FOR UPDATE")) {
                ps.setArray(1, conn.createArrayOf("uuid", ids.stream().map(AccountId::value).toArray()));
                if (tenant != null) {
                    ps.setString(2, tenant.value());
                }
                var locked = new LinkedHashMap<AccountId, Account>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        var account = map(rs);
                        locked.put(account.id(), account);
                    }
                }
                return locked;
            }
        });
    }

    @Override
    public void add(Account a) {
        jdbc.execute(conn -> {
            try (var ps = conn.prepareStatement("INSERT INTO account (tenant_id, id, currency, type, owner_id, status, "
                    + "balance, allow_negative_balance, world, version, metadata, created_at, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)")) {
                ps.setString(1, a.tenantId().value());
                ps.setObject(2, a.id().value());
                ps.setString(3, a.currency().code());
                ps.setString(4, a.type().name());
                ps.setString(5, a.ownerId());
                ps.setString(6, a.status().name());
                ps.setLong(7, a.balance().minorUnits());
                ps.setBoolean(8, a.allowNegativeBalance());
                ps.setBoolean(9, a.world());
                ps.setLong(10, a.version());
                ps.setString(11, Jdbc.json(json, a.metadata().values()));
                Jdbc.setInstant(ps, 12, a.createdAt());
                Jdbc.setInstant(ps, 13, a.updatedAt());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void update(Collection<Account> changed) {
        var changes = changed.stream().map(a -> new LedgerWrites.AccountChange(a, a.version() - 1)).toList();
        jdbc.execute(conn -> {
            updateAll(conn, changes);
            return null;
        });
    }

    /**
     * One JDBC batch: each account from the version it was locked at to its last. The version guard turns a missed
     * lock into a loud failure instead of a lost update.
     */
    static void updateAll(Connection conn, List<LedgerWrites.AccountChange> changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        try (var ps = conn.prepareStatement("UPDATE account SET balance = ?, held_amount = ?, status = ?, version = ?, updated_at = ?, "
                + "head_hash = ? WHERE id = ? AND version = ?")) {
            for (var change : changes) {
                Account a = change.after();
                ps.setLong(1, a.balance().minorUnits());
                ps.setLong(2, a.heldAmount().minorUnits());
                ps.setString(3, a.status().name());
                ps.setLong(4, a.version());
                Jdbc.setInstant(ps, 5, a.updatedAt());
                ps.setString(6, a.headHash());
                ps.setObject(7, a.id().value());
                ps.setLong(8, change.readVersion());
                ps.addBatch();
            }
            for (int count : ps.executeBatch()) {
                if (count != 1) {
                    throw new IllegalStateException("account changed concurrently although it was locked");
                }
            }
        }
    }

    @Override
    public void ensureWorld(TenantId tenant, Currency currency, Instant now) {
        var world = Account.openWorld(tenant, currency, now);
        jdbc.execute(conn -> {
            try (var ps = conn.prepareStatement("INSERT INTO account (tenant_id, id, currency, type, owner_id, status, "
                    + "balance, allow_negative_balance, world, version, metadata, created_at, updated_at) "
                    + "VALUES (?, ?, ?, 'EXTERNAL', NULL, 'ACTIVE', 0, true, true, 0, '{}'::jsonb, ?, ?) "
                    + "ON CONFLICT DO NOTHING")) {
                ps.setString(1, tenant.value());
                ps.setObject(2, world.id().value());
                ps.setString(3, currency.code());
                Jdbc.setInstant(ps, 4, now);
                Jdbc.setInstant(ps, 5, now);
                return ps.executeUpdate();
            }
        });
    }

    private Account map(ResultSet rs) throws SQLException {
        Currency currency = currency(rs.getString("currency"));
        return new Account(
                new TenantId(rs.getString("tenant_id")),
                new AccountId(rs.getObject("id", UUID.class)),
                AccountType.valueOf(rs.getString("type")),
                rs.getString("owner_id"),
                AccountStatus.valueOf(rs.getString("status")),
                new Money(rs.getLong("balance"), currency),
                new Money(rs.getLong("held_amount"), currency),
                rs.getBoolean("allow_negative_balance"),
                rs.getBoolean("world"),
                rs.getLong("version"),
                Metadata.of(Jdbc.stringMap(json, rs.getString("metadata"))),
                Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "updated_at"),
                rs.getString("head_hash"));
    }

    private Currency currency(String code) {
        return currencies.find(code).orElseThrow(() -> new IllegalStateException(
                "account currency " + code + " is no longer configured (ledger.currencies): currencies can be added, not removed"));
    }
}
