package dev.polyledger.platform.http.auth.adapter.out.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class KeyStoreUnavailableTest {
    private final KeyStoreUnavailable rule = new KeyStoreUnavailable();

    @Test
    void a_key_store_failure_for_want_of_a_connection_is_an_outage() {
        var noConnection = new PostgresApiKeyStore.AuthStoreException("cannot read API keys",
                new SQLTransientConnectionException("pool timed out"));
        var refused = new PostgresApiKeyStore.AuthStoreException("cannot read API keys",
                new SQLException("Connection refused", "08001"));

        assertThat(rule.isUnavailable(new RuntimeException(noConnection))).isTrue();
        assertThat(rule.isUnavailable(refused)).isTrue();
    }

    @Test
    void a_failing_statement_or_someone_elses_outage_is_not_the_key_stores() {
        var badStatement = new PostgresApiKeyStore.AuthStoreException("cannot read API keys",
                new SQLException("syntax error", "42601"));

        assertThat(rule.isUnavailable(badStatement)).isFalse();
        assertThat(rule.isUnavailable(new SQLTransientConnectionException("pool timed out"))).isFalse();
    }
}
