package dev.polyledger.platform.http.auth.adapter.out.postgres;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL schema {@code auth} (tenants and API keys), migrated by this module's own Flyway run with its own
 * history table ({@code auth.flyway_schema_history}) and scripts ({@code classpath:db/auth}), so that every service
 * that authenticates can create or upgrade it, whatever its own migrations. Several nodes starting at once are
 * safe: Flyway serialises migrations with a PostgreSQL advisory lock, and a start that loses the race of creating
 * the schema itself retries.
 */
public final class AuthSchema {
    /** The schema's name. */
    public static final String SCHEMA = "auth";
    /** Where its migrations are on the class path. */
    public static final String LOCATIONS = "classpath:db/auth";
    private static final Logger LOG = LoggerFactory.getLogger(AuthSchema.class);
    private static final int ATTEMPTS = 3;

    private AuthSchema() {
    }

    /**
     * Creates or upgrades the schema.
     *
     * @throws FlywayException when a migration fails three times (PostgreSQL unreachable, a broken script)
     */
    public static void migrate(DataSource dataSource) {
        for (int attempt = 1; ; attempt++) {
            try {
                var result = Flyway.configure()
                        .dataSource(dataSource)
                        .schemas(SCHEMA)
                        .createSchemas(true)
                        .locations(LOCATIONS)
                        .table("flyway_schema_history")
                        .load()
                        .migrate();
                if (result.migrationsExecuted > 0) {
                    LOG.info("schema {} migrated to version {}", SCHEMA, result.targetSchemaVersion);
                }
                return;
            } catch (FlywayException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                LOG.warn("migrating schema {} failed (attempt {} of {}), retrying: {}", SCHEMA, attempt, ATTEMPTS,
                        e.getMessage());
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
