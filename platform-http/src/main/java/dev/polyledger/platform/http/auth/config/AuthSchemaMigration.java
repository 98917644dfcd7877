package dev.polyledger.platform.http.auth.config;

import dev.polyledger.platform.http.auth.application.port.out.ApiKeyStore;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;

/**
 * Creates the key store, and with it migrates the schema {@code auth}, while the service starts, so that a service
 * that authenticates but has no database, or cannot reach or migrate it, does not start. With authentication off
 * ({@code platform.auth.enabled=false}) nothing is created, and a service without a {@code DataSource} starts.
 */
@Context
public class AuthSchemaMigration {

    public AuthSchemaMigration(AuthSettings settings, BeanProvider<ApiKeyStore> store) {
        if (settings.enabled()) {
            store.get();
        }
    }
}
