package dev.polyledger.ledger.adapter.out.postgres;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyledger.ledger.testing.FreshDatabase;
import dev.polyledger.ledger.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.Connection;
import java.sql.SQLException;
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
            assertThatThrownBy(() -> conn.createStatement().executeUpdate("INSERT INTO entry VALUES ('" + UUID.randomUUID()
                    + "', '" + transfer + "', '" + a + "', 'DEBIT', 5, 'EUR', 0, 1, now())"))
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
            conn.createStatement().executeUpdate("UPDATE account SET balance = -5, version = 1 WHERE id = '" + a + "'");
            conn.createStatement().executeUpdate("UPDATE account SET balance = 5, version = 1 WHERE id = '" + b + "'");
            conn.commit();
            conn.setAutoCommit(true);
            assertThatThrownBy(() -> conn.createStatement().executeUpdate(
                    "UPDATE entry SET amount = 6 WHERE transfer_id = '" + transfer + "'")).hasMessageContaining("immutable");
            assertThatThrownBy(() -> conn.createStatement().executeUpdate(
                    "DELETE FROM transfer WHERE id = '" + transfer + "'")).hasMessageContaining("immutable");
        }
    }

    private static UUID account(Connection conn, boolean allowNegative) throws SQLException {
        UUID id = UUID.randomUUID();
        conn.createStatement().executeUpdate("INSERT INTO account (id, currency, type, status, balance, "
                + "allow_negative_balance, created_at, updated_at) VALUES ('" + id + "', 'USD', 'USER', 'ACTIVE', 0, "
                + allowNegative + ", now(), now())");
        return id;
    }

    private static UUID transfer(Connection conn, UUID source, UUID destination, long amount) throws SQLException {
        UUID id = UUID.randomUUID();
        conn.createStatement().executeUpdate("INSERT INTO transfer (id, kind, status, source_account_id, "
                + "destination_account_id, amount, currency, created_at) VALUES ('" + id + "', 'TRANSFER', 'POSTED', '"
                + source + "', '" + destination + "', " + amount + ", 'USD', now())");
        return id;
    }

    private static void entry(Connection conn, UUID transfer, UUID account, String direction, long amount, long version)
            throws SQLException {
        conn.createStatement().executeUpdate("INSERT INTO entry VALUES ('" + UUID.randomUUID() + "', '" + transfer + "', '"
                + account + "', '" + direction + "', " + amount + ", 'USD', 0, " + version + ", now())");
    }
}
