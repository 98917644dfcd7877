package dev.polyledger.ledger.adapter.out.postgres;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.health.HealthStatus;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code jdbc} in {@code /health} and {@code /health/readiness}: {@code UP} when PostgreSQL answers a validity
 * check within {@value #TIMEOUT_SECONDS} s, {@code DOWN} otherwise, with a plain message.
 *
 * <p>It replaces Micronaut's own jdbc indicator ({@code endpoints.health.jdbc.enabled: false}), which shows the
 * JDBC URL (host, port, database) and the server's product version, and on failure an internal enum class name:
 * facts an attacker can use and an operator does not need from a public {@code /health}. The details name what
 * the database is for, never where it is or what runs it; the cause of a failure goes to the log.
 */
@Singleton
@Readiness
class DatabaseHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    static final int TIMEOUT_SECONDS = 2;
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseHealthIndicator.class);

    private final DataSource dataSource;

    /**
     * @param resolver unwraps the application's transaction-aware {@code DataSource} proxy (which only hands out
     *                 the connection of a surrounding transaction) into the pool, as Micronaut's indicator does
     */
    DatabaseHealthIndicator(DataSource dataSource, @Nullable DataSourceResolver resolver) {
        this.dataSource = resolver == null ? dataSource : resolver.resolve(dataSource);
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        var details = new LinkedHashMap<String, Object>();
        details.put("role", "ledger of record (PostgreSQL)");
        boolean up;
        try (Connection connection = dataSource.getConnection()) {
            up = connection.isValid(TIMEOUT_SECONDS);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("database health check failed: {}", e.toString());
            up = false;
        }
        healthStatus = up ? HealthStatus.UP : HealthStatus.DOWN;
        if (!up) {
            details.put("error", "the ledger database did not answer");
        }
        return details;
    }

    @Override
    protected String getName() {
        return "jdbc";
    }
}
