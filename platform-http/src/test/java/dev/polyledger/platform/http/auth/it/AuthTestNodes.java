package dev.polyledger.platform.http.auth.it;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Application contexts ("nodes") of the test application on the real local PostgreSQL and Redis. The database
 * ({@code platform_http_it} unless {@code PLATFORM_HTTP_TEST_DB_URL} names another) is dropped and created anew once
 * per test JVM; never {@code ledger}.
 */
final class AuthTestNodes {
    static final String OPERATOR_KEY = "it-operator-key-0123456789abcdefghijklmnop";
    private static boolean fresh;

    private AuthTestNodes() {
    }

    static String dbUrl() {
        String url = System.getenv("PLATFORM_HTTP_TEST_DB_URL");
        return url != null ? url : "jdbc:postgresql://127.0.0.1:5432/platform_http_it";
    }

    static String redisUri() {
        String uri = System.getenv("LEDGER_TEST_REDIS_URI");
        return uri != null ? uri : "redis://127.0.0.1:6379";
    }

    static synchronized void recreateDatabaseOnce() {
        if (fresh) {
            return;
        }
        String url = dbUrl();
        int slash = url.lastIndexOf('/');
        String name = url.substring(slash + 1).replaceAll("\\?.*", "");
        try (var conn = DriverManager.getConnection(url.substring(0, slash + 1) + "postgres", "postgres", null);
             var st = conn.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot re-create the test database " + name + " (is PostgreSQL running?)", e);
        }
        fresh = true;
    }

    static java.sql.Connection connect() throws SQLException {
        return DriverManager.getConnection(dbUrl(), "postgres", null);
    }

    /** The settings of a node; {@code overrides} replace or add to them. */
    static Map<String, Object> settings(Map<String, Object> overrides) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("micronaut.server.port", -1);
        settings.put("datasources.default.url", dbUrl());
        settings.put("datasources.default.username", "postgres");
        settings.put("datasources.default.password", "");
        settings.put("datasources.default.driver-class-name", "org.postgresql.Driver");
        settings.put("datasources.default.maximum-pool-size", 4);
        settings.put("redis.uri", redisUri());
        settings.put("platform.auth.bootstrap-key", OPERATOR_KEY);
        settings.put("platform.auth.management-api.enabled", true);
        settings.putAll(overrides);
        return settings;
    }

    static EmbeddedServer start(Map<String, Object> overrides) {
        recreateDatabaseOnce();
        return ApplicationContext.run(EmbeddedServer.class, settings(overrides));
    }
}
