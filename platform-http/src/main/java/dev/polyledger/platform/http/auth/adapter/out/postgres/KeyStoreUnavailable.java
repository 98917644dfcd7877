package dev.polyledger.platform.http.auth.adapter.out.postgres;

import dev.polyledger.platform.http.UnavailableDependency;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientException;

/**
 * The key store out of reach (no connection from the pool, connection refused or lost, server shutting down) →
 * {@code 503 SERVICE_UNAVAILABLE} with {@code Retry-After} rather than {@code 500}.
 */
@Singleton
class KeyStoreUnavailable implements UnavailableDependency {

    @Override
    public boolean isUnavailable(Throwable failure) {
        boolean ours = false;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof PostgresApiKeyStore.AuthStoreException) {
                ours = true;
            }
            if (ours && (t instanceof SQLTransientException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P")))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String name() {
        return "the API key store";
    }
}
