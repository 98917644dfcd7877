package dev.polyledger.platform.http.auth.config;

import dev.polyledger.platform.http.auth.application.port.out.ApiKeyStore;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;

/**
 * Creates the key store, and with it migrates the schema {@code auth}, while the service starts, so that a service
 * that authenticates but cannot reach or migrate its database does not start. With authentication off
 * ({@code platform.auth.enabled=false}) nothing is created, and a service without a {@code DataSource} starts.
 *
 * @throws io.micronaut.context.exceptions.NoSuchBeanException (at startup) when authentication is on and the service
 *                                                             has no {@code DataSource}
 */
@Context
public class AuthSchemaMigration {

    public AuthSchemaMigration(AuthSettings settings, BeanProvider<ApiKeyStore> store) {
        if (settings.enabled()) {
            store.get();
        }
    }
}
