package dev.polyledger.notification.testing;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * The PostgreSQL database of the notification-worker's integration tests, where platform-http keeps API keys and tenants
 * (schema {@code auth}, migrated by that module): {@value #NAME} on the local server unless
 * {@code NOTIFICATION_IT_DB_URL} names another, created when missing (through the {@code postgres} database), never the
 * cluster's {@code ledger}.
 */
public final class TestDatabase {
    public static final String NAME = "notification_it";
    private static boolean ensured;

    private TestDatabase() {
    }

    public static String url() {
        String url = System.getenv("NOTIFICATION_IT_DB_URL");
        return url != null && !url.isBlank() ? url : "jdbc:postgresql://127.0.0.1:5432/" + NAME;
    }

    public static String user() {
        String user = System.getenv("LEDGER_TEST_DB_USER");
        return user != null ? user : "postgres";
    }

    public static String password() {
        String password = System.getenv("LEDGER_TEST_DB_PASSWORD");
        return password != null ? password : "";
    }

    /** Creates the database unless it exists; once per JVM. */
    public static synchronized void ensureExists() {
        if (ensured) {
            return;
        }
        String url = url();
        int slash = url.lastIndexOf('/');
        String name = url.substring(slash + 1).replaceAll("\\?.*", "");
        String admin = url.substring(0, slash + 1) + "postgres";
        try (var conn = DriverManager.getConnection(admin, user(), password());
             var exists = conn.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            if (!exists.executeQuery().next()) {
                try (var create = conn.createStatement()) {
                    create.execute("CREATE DATABASE \"" + name.replace("\"", "") + "\"");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name + " at " + admin
                    + " (is PostgreSQL running?)", e);
        }
        ensured = true;
    }

    /** The datasource properties of a test context, the database created when missing. */
    public static Map<String, String> properties() {
        ensureExists();
        return Map.of("datasources.default.url", url(), "datasources.default.username", user(),
                "datasources.default.password", password());
    }

    /** A plain connection to the test database. */
    public static java.sql.Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user(), password());
    }
}
