package dev.polyledger.ledger.adapter.out.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyledger.ledger.domain.Account;
import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.AccountStatus;
import dev.polyledger.ledger.domain.AccountType;
import dev.polyledger.ledger.domain.ChainVerification;
import dev.polyledger.ledger.domain.Currency;
import dev.polyledger.ledger.domain.Direction;
import dev.polyledger.ledger.domain.Entry;
import dev.polyledger.ledger.domain.HashChain;
import dev.polyledger.ledger.domain.Metadata;
import dev.polyledger.ledger.domain.Money;
import dev.polyledger.ledger.domain.TenantId;
import dev.polyledger.ledger.domain.TransferId;
import dev.polyledger.ledger.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Migration V14 on a ledger written before the chain existed: a database of its own (the test database's name with
 * {@code _v10}), migrated to V10, filled by SQL as the V10 code wrote it, then migrated on. The backfilled chain must
 * be exactly what the Java side computes and verifies, or an old ledger would fail its first verification.
 */
class HashChainMigrationIT {
    private static final Currency USD = new Currency("USD", 2);
    private static final UUID WORLD = UUID.fromString("00000000-0000-4000-8000-0000000000aa");
    private static final UUID ALICE = UUID.fromString("00000000-0000-4000-8000-0000000000a1");
    private static final UUID BOB = UUID.fromString("00000000-0000-4000-8000-0000000000b0");
    private static final UUID IDLE = UUID.fromString("00000000-0000-4000-8000-0000000000c0");

    private static String url;

    @BeforeAll
    static void aLedgerWrittenAtV10ThenMigrated() throws SQLException {
        url = scratchDatabase();
        flyway("10").migrate();
        try (var conn = connect()) {
            conn.setAutoCommit(false);
            try (var st = conn.createStatement()) {
                st.execute("INSERT INTO account (tenant_id, id, currency, type, status, balance, allow_negative_balance, world, "
                        + "version, created_at, updated_at) VALUES "
                        + "('acme', '" + WORLD + "', 'USD', 'EXTERNAL', 'ACTIVE', -10000, true, true, 1, now(), now()), "
                        + "('acme', '" + ALICE + "', 'USD', 'USER', 'ACTIVE', 7000, false, false, 3, now(), now()), "
                        + "('acme', '" + BOB + "', 'USD', 'USER', 'ACTIVE', 3000, false, false, 1, now(), now()), "
                        + "('acme', '" + IDLE + "', 'USD', 'USER', 'ACTIVE', 0, false, false, 0, now(), now())");
                // Alice: credited 100.00 at version 1, a hold at version 2 (no entry), pays Bob 30.00 at version 3.
                transfer(st, "00000000-0000-4000-8000-000000000001", "CREDIT", WORLD, 1, -10000, ALICE, 1, 10000, 10000,
                        "2026-11-20 09:00:00+00");
                transfer(st, "00000000-0000-4000-8000-000000000002", "TRANSFER", ALICE, 3, 7000, BOB, 1, 3000, 3000,
                        "2026-11-20 09:00:01.123456+00");
            }
            conn.commit();
        }
        flyway(null).migrate();
    }

    private static void transfer(java.sql.Statement st, String id, String kind, UUID source, long sourceVersion,
                                 long sourceBalance, UUID destination, long destinationVersion, long destinationBalance,
                                 long amount, String at) throws SQLException {
        st.execute("INSERT INTO transfer (tenant_id, id, kind, status, source_account_id, destination_account_id, amount, "
                + "currency, created_at) VALUES ('acme', '" + id + "', '" + kind + "', 'POSTED', '" + source + "', '"
                + destination + "', " + amount + ", 'USD', '" + at + "')");
        st.execute("INSERT INTO entry (tenant_id, id, transfer_id, account_id, direction, amount, currency, balance_after, "
                + "account_version, created_at) VALUES "
                + "('acme', gen_random_uuid(), '" + id + "', '" + source + "', 'DEBIT', " + amount + ", 'USD', " + sourceBalance
                + ", " + sourceVersion + ", '" + at + "'), "
                + "('acme', gen_random_uuid(), '" + id + "', '" + destination + "', 'CREDIT', " + amount + ", 'USD', "
                + destinationBalance + ", " + destinationVersion + ", '" + at + "')");
    }

    @Test
    void backfillsEveryEntryWithTheHashTheJavaSideComputes() throws SQLException {
        for (UUID account : List.of(WORLD, ALICE, BOB)) {
            String previous = HashChain.GENESIS;
            for (Entry stored : entries(account)) {
                Entry recomputed = Entry.chained(previous, stored.id(), stored.transferId(), stored.accountId(),
                        stored.direction(), stored.amount(), stored.balanceAfter(), stored.accountVersion(),
                        stored.createdAt());
                assertThat(stored.hash()).isEqualTo(recomputed.hash());
                previous = stored.hash();
            }
            assertThat(headHash(account)).isEqualTo(previous);
        }
    }

    @Test
    void theMigratedChainsVerifyAndAnAccountWithoutEntriesStaysAtGenesis() throws SQLException {
        for (UUID account : List.of(WORLD, ALICE, BOB, IDLE)) {
            var verifier = new ChainVerification.Verifier(account(account));
            entries(account).forEach(verifier::accept);
            var result = verifier.result();
            assertThat(result.valid()).as("account %s", account).isTrue();
            assertThat(result.entries()).isEqualTo(account.equals(IDLE) ? 0 : account.equals(ALICE) ? 2 : 1);
        }
        assertThat(headHash(IDLE)).isEqualTo(HashChain.GENESIS);
    }

    @Test
    void leavesEntriesImmutableAndRequiresAHashOnNewOnes() throws SQLException {
        try (var conn = connect(); var st = conn.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate("UPDATE entry SET hash = repeat('0', 64)"))
                    .hasMessageContaining("immutable");
            assertThatThrownBy(() -> st.executeUpdate("UPDATE account SET head_hash = 'not a hash' WHERE id = '" + IDLE + "'"))
                    .hasMessageContaining("account_head_hash_format");
        }
    }

    private static List<Entry> entries(UUID account) throws SQLException {
        try (var conn = connect(); var ps = conn.prepareStatement("SELECT id, transfer_id, direction, amount, balance_after, "
                + "account_version, created_at, hash FROM entry WHERE account_id = ? ORDER BY account_version")) {
            ps.setObject(1, account);
            var entries = new ArrayList<Entry>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new Entry(rs.getObject(1, UUID.class), new TransferId(rs.getObject(2, UUID.class)),
                            new AccountId(account), Direction.valueOf(rs.getString(3)), new Money(rs.getLong(4), USD),
                            new Money(rs.getLong(5), USD), rs.getLong(6), rs.getObject(7, OffsetDateTime.class).toInstant(),
                            rs.getString(8)));
                }
            }
            return entries;
        }
    }

    private static Account account(UUID id) throws SQLException {
        try (var conn = connect(); var ps = conn.prepareStatement(
                "SELECT balance, allow_negative_balance, world, version, created_at, head_hash FROM account WHERE id = ?")) {
            ps.setObject(1, id);
            try (var rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                var at = rs.getObject(5, OffsetDateTime.class).toInstant();
                return new Account(new TenantId("acme"), new AccountId(id), rs.getBoolean(3) ? AccountType.EXTERNAL : AccountType.USER,
                        null, AccountStatus.ACTIVE, new Money(rs.getLong(1), USD), null, rs.getBoolean(2), rs.getBoolean(3),
                        rs.getLong(4), Metadata.empty(), at, at, rs.getString(6));
            }
        }
    }

    private static String headHash(UUID account) throws SQLException {
        return account(account).headHash();
    }

    private static Flyway flyway(String target) {
        var config = Flyway.configure().dataSource(url, TestDatabase.user(), System.getenv("LEDGER_TEST_DB_PASSWORD"))
                .locations("classpath:db/migration");
        return (target == null ? config : config.target(target)).load();
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(url, TestDatabase.user(), System.getenv("LEDGER_TEST_DB_PASSWORD"));
    }

    /** The test database's name with {@code _v10}, dropped and created anew. */
    private static String scratchDatabase() throws SQLException {
        String base = TestDatabase.url().replaceAll("\\?.*", "");
        int slash = base.lastIndexOf('/');
        String name = base.substring(slash + 1) + "_v10";
        try (var conn = DriverManager.getConnection(base.substring(0, slash + 1) + "postgres", TestDatabase.user(),
                System.getenv("LEDGER_TEST_DB_PASSWORD")); var st = conn.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + name);
        }
        return base.substring(0, slash + 1) + name;
    }
}
