package dev.polyledger.ledger.testing;

import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The integration tests' PostgreSQL database ({@code ledger_it} on the local server unless
 * {@code LEDGER_TEST_DB_URL} names another): dropped and created anew once per test JVM, so every run starts
 * from the Flyway migrations and a schema change never meets yesterday's tables.
 */
public final class TestDatabase {
    private static boolean fresh;

    private TestDatabase() {
    }

    public static String url() {
        String url = System.getenv("LEDGER_TEST_DB_URL");
        return url != null ? url : "jdbc:postgresql://127.0.0.1:5432/ledger_it";
    }

    public static String user() {
        String user = System.getenv("LEDGER_TEST_DB_USER");
        return user != null ? user : "postgres";
    }

    public static synchronized void recreateOnce() {
        if (fresh) {
            return;
        }
        String url = url();
        int slash = url.lastIndexOf('/');
        String name = url.substring(slash + 1).replaceAll("\\?.*", "");
        String admin = url.substring(0, slash + 1) + "postgres";
        try (var conn = DriverManager.getConnection(admin, user(), System.getenv("LEDGER_TEST_DB_PASSWORD"));
             var st = conn.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot re-create the test database " + name + " at " + admin
                    + " (is PostgreSQL running? see README, Testing)", e);
        }
        fresh = true;
    }

    /** A plain connection to the test database, for assertions that read or tamper with rows directly. */
    public static java.sql.Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user(), System.getenv("LEDGER_TEST_DB_PASSWORD"));
    }
}
