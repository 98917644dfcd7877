package dev.polyledger.platform.http.auth.config;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.polyledger.platform.http.auth.adapter.out.postgres.AuthSchema;
import dev.polyledger.platform.http.auth.adapter.out.postgres.PostgresApiKeyStore;
import dev.polyledger.platform.http.auth.application.ApiKeyAdmin;
import dev.polyledger.platform.http.auth.application.Authenticator;
import dev.polyledger.platform.http.auth.application.port.out.ApiKeyStore;
import dev.polyledger.platform.http.auth.application.port.out.RevocationBroadcast;
import dev.polyledger.platform.http.auth.domain.ApiKeyMaterial;
import dev.polyledger.platform.http.auth.domain.AuthIds;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * The authentication beans of a service. The key store needs the service's {@link DataSource} (api-node's, or
 * {@code datasources.default} from {@code LEDGER_DB_URL}, {@code LEDGER_DB_USER}, {@code LEDGER_DB_PASSWORD} in the
 * workers) and a {@link Clock} bean; its schema is migrated when the store is created, at startup (see
 * {@link AuthSchemaMigration}).
 */
@Factory
public class AuthFactory {

    /**
     * The store works on plain connections of the pool: where Micronaut Data wraps the {@code DataSource} in its
     * connection-context proxy (api-node), the {@link DataSourceResolver} unwraps it, since the store opens and closes
     * its own connections outside any Micronaut transaction.
     *
     * @throws IllegalStateException when the service has no {@code DataSource}
     */
    @Singleton
    ApiKeyStore apiKeyStore(BeanProvider<DataSource> dataSources, @Nullable DataSourceResolver resolver) {
        DataSource dataSource = dataSources.find(null).orElseThrow(() -> new IllegalStateException(
                "API keys are kept in PostgreSQL, but this service has no DataSource: configure datasources.default "
                        + "(LEDGER_DB_URL, LEDGER_DB_USER, LEDGER_DB_PASSWORD), or turn authentication off for a "
                        + "benchmark (LEDGER_AUTH_ENABLED=false)"));
        DataSource pool = (resolver == null ? DataSourceResolver.DEFAULT : resolver).resolve(dataSource);
        AuthSchema.migrate(pool);
        return new PostgresApiKeyStore(pool);
    }

    @Singleton
    Authenticator authenticator(ApiKeyStore store, Clock clock, AuthSettings settings) {
        return new Authenticator(store, clock, settings.bootstrapKey(), settings.defaultRateLimit(),
                settings.bootstrapRateLimit(), settings.cacheTtl(), settings.cacheMaxSize(), Ticker.systemTicker());
    }

    @Singleton
    ApiKeyAdmin apiKeyAdmin(ApiKeyStore store, RevocationBroadcast broadcast, Authenticator authenticator, Clock clock) {
        SecureRandom random = new SecureRandom();
        return new ApiKeyAdmin(store, broadcast, authenticator, new ApiKeyMaterial(random), new AuthIds(random), clock);
    }
}
