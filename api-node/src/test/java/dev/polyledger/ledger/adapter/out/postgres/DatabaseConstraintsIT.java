package dev.polyledger.ledger.adapter.out.postgres;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.Currency;
import dev.polyledger.ledger.domain.Direction;
import dev.polyledger.ledger.domain.Entry;
import dev.polyledger.ledger.domain.HashChain;
import dev.polyledger.ledger.domain.Money;
import dev.polyledger.ledger.domain.TransferId;
import dev.polyledger.ledger.testing.FreshDatabase;
import dev.polyledger.ledger.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The schema refuses what must never happen, whatever the Java code does: these statements go around the
 * application, straight to PostgreSQL.
 */
@ExtendWith(FreshDatabase.class)
@MicronautTest(startApplication = false, transactional = false)
class DatabaseConstraintsIT {

    @Test
    void refusesANegativeBalanceOnAnAccountThatDoesNotAllowOne() throws SQLException {
        try (var conn = TestDatabase.connect()) {
            UUID id = account(conn, false);
            assertThatThrownBy(() -> conn.createStatement().executeUpdate(
                    "UPDATE account SET balance = -1 WHERE id = '" + id + "'"))
                    .hasMessageContaining("account_balance_allowed");
        }
    }

    @Test
    void refusesAnEntryWithANonPositiveAmount() throws SQLException {
        try (var conn = TestDatabase.connect()) {
            conn.setAutoCommit(false);
            UUID a = account(conn, true);
            UUID b = account(conn, true);
            UUID transfer = transfer(conn, a, b, 5);
            assertThatThrownBy(() -> entry(conn, transfer, a, "DEBIT", 0, 1))
                    .hasMessageContaining("entry_amount_positive");
            conn.rollback();
        }
    }

    @Test
    void refusesATransferWhoseEntriesDoNotBalanceAtCommit() throws SQLException {
        try (var conn = TestDatabase.connect()) {
            conn.setAutoCommit(false);
            UUID a = account(conn, true);
            UUID b = account(conn, true);
            UUID transfer = transfer(conn, a, b, 5);
            entry(conn, transfer, a, "DEBIT", 5, 1);
            entry(conn, transfer, b, "CREDIT", 4, 1);
            assertThatThrownBy(conn::commit).hasMessageContaining("does not balance");
        }
    }

    @Test
    void refusesAnEntryInAnotherCurrencyThanItsAccount() throws SQLException {
        try (var conn = TestDatabase.connect()) {
            conn.setAutoCommit(false);
            UUID a = account(conn, true);
            UUID b = account(conn, true);
            UUID transfer = transfer(conn, a, b, 5);
            assertThatThrownBy(() -> conn.createStatement().executeUpdate("INSERT INTO entry (tenant_id, id, transfer_id, "
                    + "account_id, direction, amount, currency, balance_after, account_version, created_at, hash) VALUES ('"
                    + TENANT + "', '" + UUID.randomUUID() + "', '" + transfer + "', '" + a + "', 'DEBIT', 5, 'EUR', 0, 1, now(), "
                    + "repeat('0', 64))"))
                    .hasMessageContaining("foreign key");
            conn.rollback();
        }
    }

    @Test
    void refusesChangingOrDeletingPostedEntries() throws SQLException {
        try (var conn = TestDatabase.connect()) {
            UUID a = account(conn, true);
            UUID b = account(conn, true);
            conn.setAutoCommit(false);
            UUID transfer = transfer(conn, a, b, 5);
            entry(conn, transfer, a, "DEBIT", 5, 1);
            entry(conn, transfer, b, "CREDIT", 5, 1);
            // Leave a consistent ledger behind: other tests check whole-database invariants.
            conn.createStatement().executeUpdate("UPDATE account SET balance = -5, version = 1, "
                    + "head_hash = (SELECT hash FROM entry WHERE account_id = account.id) WHERE id = '" + a + "'");
            conn.createStatement().executeUpdate("UPDATE account SET balance = 5, version = 1, "
                    + "head_hash = (SELECT hash FROM entry WHERE account_id = account.id) WHERE id = '" + b + "'");
            conn.commit();
            conn.setAutoCommit(true);
            assertThatThrownBy(() -> conn.createStatement().executeUpdate(
                    "UPDATE entry SET amount = 6 WHERE transfer_id = '" + transfer + "'")).hasMessageContaining("immutable");
            assertThatThrownBy(() -> conn.createStatement().executeUpdate(
                    "DELETE FROM transfer WHERE id = '" + transfer + "'")).hasMessageContaining("immutable");
        }
    }

    @Test
    void refusesATransferBetweenAccountsOfTwoTenants() throws SQLException {
        try (var conn = TestDatabase.connect()) {
            conn.setAutoCommit(false);
            UUID mine = account(conn, true);
            UUID theirs = account(conn, OTHER_TENANT, true);
            assertThatThrownBy(() -> transfer(conn, TENANT, mine, theirs, 5))
                    .hasMessageContaining("transfer_destination_tenant_currency");
            conn.rollback();
            conn.setAutoCommit(false);
            UUID a = account(conn, true);
            UUID b = account(conn, true);
            assertThatThrownBy(() -> transfer(conn, OTHER_TENANT, a, b, 5)).as("nor one filed under another tenant")
                    .hasMessageContaining("transfer_source_tenant_currency");
            conn.rollback();
        }
    }

    @Test
    void refusesAnEntryWhoseHashIsNotSixtyFourLowercaseHexDigits() throws SQLException {
        try (var conn = TestDatabase.connect()) {
            conn.setAutoCommit(false);
            UUID a = account(conn, true);
            UUID b = account(conn, true);
            UUID transfer = transfer(conn, a, b, 5);
            assertThatThrownBy(() -> entry(conn, transfer, a, "DEBIT", 5, 1, "A".repeat(64)))
                    .hasMessageContaining("entry_hash_format");
            conn.rollback();
        }
    }

    @Test
    void refusesAnEntryOnAnotherTenantsAccount() throws SQLException {
        try (var conn = TestDatabase.connect()) {
            conn.setAutoCommit(false);
            UUID a = account(conn, true);
            UUID b = account(conn, true);
            UUID theirs = account(conn, OTHER_TENANT, true);
            UUID transfer = transfer(conn, TENANT, a, b, 5);
            assertThatThrownBy(() -> entry(conn, transfer, theirs, "DEBIT", 5, 1))
                    .hasMessageContaining("entry_account_tenant_currency");
            conn.rollback();
        }
    }

    @Test
    void keepsOneWorldAccountPerTenantAndCurrency() throws SQLException {
        try (var conn = TestDatabase.connect()) {
            conn.setAutoCommit(false);
            world(conn, OTHER_TENANT);
            assertThatThrownBy(() -> world(conn, OTHER_TENANT)).hasMessageContaining("account_one_world_per_tenant_currency");
            conn.rollback();
        }
    }

    private static final String TENANT = "default";
    private static final String OTHER_TENANT = "constraints-it";

    private static UUID account(Connection conn, boolean allowNegative) throws SQLException {
        return account(conn, TENANT, allowNegative);
    }

    private static UUID account(Connection conn, String tenant, boolean allowNegative) throws SQLException {
        UUID id = UUID.randomUUID();
        conn.createStatement().executeUpdate("INSERT INTO account (tenant_id, id, currency, type, status, balance, "
                + "allow_negative_balance, created_at, updated_at) VALUES ('" + tenant + "', '" + id + "', 'USD', 'USER', "
                + "'ACTIVE', 0, " + allowNegative + ", now(), now())");
        return id;
    }

    private static void world(Connection conn, String tenant) throws SQLException {
        conn.createStatement().executeUpdate("INSERT INTO account (tenant_id, id, currency, type, status, balance, "
                + "allow_negative_balance, world, created_at, updated_at) VALUES ('" + tenant + "', '" + UUID.randomUUID()
                + "', 'USD', 'EXTERNAL', 'ACTIVE', 0, true, true, now(), now())");
    }

    private static UUID transfer(Connection conn, UUID source, UUID destination, long amount) throws SQLException {
        return transfer(conn, TENANT, source, destination, amount);
    }

    private static UUID transfer(Connection conn, String tenant, UUID source, UUID destination, long amount)
            throws SQLException {
        UUID id = UUID.randomUUID();
        conn.createStatement().executeUpdate("INSERT INTO transfer (tenant_id, id, kind, status, source_account_id, "
                + "destination_account_id, amount, currency, created_at) VALUES ('" + tenant + "', '" + id + "', 'TRANSFER', "
                + "'POSTED', '" + source + "', '" + destination + "', " + amount + ", 'USD', now())");
        return id;
    }

    /** An entry with balance after 0, chained as its account's first (genesis before it), as the ledger would. */
    private static void entry(Connection conn, UUID transfer, UUID account, String direction, long amount, long version)
            throws SQLException {
        entry(conn, transfer, account, direction, amount, version, null);
    }

    private static void entry(Connection conn, UUID transfer, UUID account, String direction, long amount, long version,
                              String hash) throws SQLException {
        UUID id = UUID.randomUUID();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Currency usd = new Currency("USD", 2);
        String chained = hash != null ? hash : Entry.chained(HashChain.GENESIS, id, new TransferId(transfer),
                new AccountId(account), Direction.valueOf(direction), new Money(amount, usd), new Money(0, usd), version,
                at).hash();
        conn.createStatement().executeUpdate("INSERT INTO entry (tenant_id, id, transfer_id, account_id, direction, "
                + "amount, currency, balance_after, account_version, created_at, hash) VALUES ('" + TENANT + "', '"
                + id + "', '" + transfer + "', '" + account + "', '" + direction + "', " + amount
                + ", 'USD', 0, " + version + ", '" + at + "', '" + chained + "')");
    }
}
