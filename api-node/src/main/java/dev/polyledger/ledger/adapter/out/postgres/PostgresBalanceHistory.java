package dev.polyledger.ledger.adapter.out.postgres;

import dev.polyledger.ledger.application.port.out.BalanceHistory;
import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.TenantId;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;

/** {@link BalanceHistory} from the {@code entry} table: one lookup in the index {@code entry_account_as_of} (V10). */
@Singleton
class PostgresBalanceHistory implements BalanceHistory {
    private final JdbcOperations jdbc;

    PostgresBalanceHistory(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Point> at(TenantId tenant, AccountId account, Instant asOf) {
        return jdbc.execute(conn -> {
            try (var ps = conn.prepareStatement("SELECT balance_after, account_version FROM entry "
                    + "WHERE account_id = ? AND created_at <= ? AND tenant_id = ? "
                    + "ORDER BY created_at DESC, account_version DESC LIMIT 1")) {
                ps.setObject(1, account.value());
                Jdbc.setInstant(ps, 2, asOf);
                ps.setString(3, tenant.value());
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Point(rs.getLong(1), rs.getLong(2))) : Optional.empty();
                }
            }
        });
    }
}
