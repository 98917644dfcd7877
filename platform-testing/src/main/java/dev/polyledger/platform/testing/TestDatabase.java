package dev.polyledger.platform.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * A PostgreSQL database of one module's integration tests on the local server (trust authentication, user
 * {@code postgres} unless {@code LEDGER_TEST_DB_USER}/{@code LEDGER_TEST_DB_PASSWORD} say otherwise), created when
 * missing through the {@code postgres} database. Each module names its own database and the environment variable
 * that may point elsewhere, so that no two suites, and never the cluster's {@code ledger}, share one.
 */
public final class TestDatabase {
    private final String defaultName;
    private final String overrideVariable;
    private boolean ensured;

    /**
     * @param defaultName      the database on 127.0.0.1:5432 when the variable is not set, e.g. {@code audit_it}
     * @param overrideVariable the environment variable whose JDBC URL replaces it, e.g. {@code AUDIT_IT_DB_URL}
     */
    public TestDatabase(String defaultName, String overrideVariable) {
        this.defaultName = defaultName;
        this.overrideVariable = overrideVariable;
    }

    public String url() {
        String url = System.getenv(overrideVariable);
        return url != null && !url.isBlank() ? url : "jdbc:postgresql://127.0.0.1:5432/" + defaultName;
    }

    public String user() {
        String user = System.getenv("LEDGER_TEST_DB_USER");
        return user != null ? user : "postgres";
    }

    public String password() {
        String password = System.getenv("LEDGER_TEST_DB_PASSWORD");
        return password != null ? password : "";
    }

    /**
     * Creates the database unless it exists; once per instance.
     *
     * @throws IllegalStateException when PostgreSQL cannot be reached or refuses
     */
    public synchronized void ensureExists() {
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
    public Map<String, String> properties() {
        ensureExists();
        return Map.of("datasources.default.url", url(), "datasources.default.username", user(),
                "datasources.default.password", password());
    }

    /** A plain connection to the test database. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user(), password());
    }
}
