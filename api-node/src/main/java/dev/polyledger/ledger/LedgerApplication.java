package dev.polyledger.ledger;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import javax.sql.DataSource;

/**
 * Entry point of one api-node replica.
 *
 * <p>{@code java -jar api-node.jar} serves the API; {@code java -jar api-node.jar migrate} applies the
 * Flyway migrations to the configured database and exits, so a cluster migrates once before its
 * replicas start (they then run with {@code LEDGER_MIGRATE_ON_START=false}).
 *
 * <p>The annotations head the platform's one OpenAPI document (api-node/openapi.properties): every operation needs
 * the bearer API key.
 */
@OpenAPIDefinition(
        info = @Info(title = "polyledger", version = "2",
                description = "The double-entry ledger platform's public API through its entry point (api-contract.md):"
                        + " the ledger (api-node), audit queries (audit-worker), webhooks (notification-worker), API"
                        + " keys and tenants. Amounts are decimal strings in major units; errors are RFC 9457"
                        + " application/problem+json with a stable `code`."),
        security = @SecurityRequirement(name = "apiKey"))
@SecurityScheme(name = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API key: `Authorization: Bearer <key>`. Scopes: ledger:read, ledger:write, audit:read,"
                + " webhooks:manage, keys:manage; a route needing a scope the key lacks answers 403 INSUFFICIENT_SCOPE.")
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
