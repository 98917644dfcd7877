package dev.polyledger.ledger;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import javax.sql.DataSource;

/**
 * Entry point of one api-node replica.
 *
 * <p>{@code java -jar api-node.jar} serves the API; {@code java -jar api-node.jar migrate} applies the
 * Flyway migrations to the configured database and exits, so a cluster migrates once before its
 * replicas start (they then run with {@code LEDGER_MIGRATE_ON_START=false}).
 */
public final class LedgerApplication {
    private LedgerApplication() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && "migrate".equals(args[0])) {
            // A one-shot command ends when the migrations are applied, even when a bean left a non-daemon thread
            // (a broker connection) behind: a launcher waits for this exit before it starts the replicas.
            int status = 1;
            try {
                migrate();
                status = 0;
            } catch (RuntimeException e) {
                e.printStackTrace();
            }
            System.exit(status);
        }
        Micronaut.build(args)
                .mainClass(LedgerApplication.class)
                .banner(false)
                .start();
    }

    private static void migrate() {
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(java.util.Map.of(
                        "flyway.datasources.default.enabled", true,
                        "micronaut.server.enabled", false,
                        "ledger.background-jobs.enabled", false,
                        "ledger.batches.consumer-enabled", false))
                .deduceEnvironment(false)
                .start()) {
            // Flyway migrates when the data source is created.
            context.getBean(DataSource.class);
        }
    }
}
