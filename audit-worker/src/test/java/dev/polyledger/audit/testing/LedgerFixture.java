package dev.polyledger.audit.testing;

import dev.polyledger.audit.domain.CurrencyScale;
import dev.polyledger.platform.testing.TenantEvents;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A ledger in the audit-worker's test database: api-node's own migrations ({@code V1..}, put on the test classpath
 * under {@code ledger-migrations/} by the pom), applied once each, and transfers written into its tables as the
 * api-node writes them (accounts, a transfer, a DEBIT and a CREDIT entry with balances after), with the
 * {@code transfer.posted} envelope the api-node would publish for each.
 */
public final class LedgerFixture {
    private static boolean migrated;

    private final String tenantId;
    private final Map<UUID, long[]> accounts = new HashMap<>();   // balance, version

    public LedgerFixture(String tenantId) {
        this.tenantId = tenantId;
        migrate();
    }

    /** A posted transfer and the envelope of its event. */
    public record Posted(UUID transferId, UUID eventId, UUID source, UUID destination, long amount, Instant at,
                         String envelope) {
    }

    /** Applies the ledger migrations not applied yet, in version order. */
    public static synchronized void migrate() {
        if (migrated) {
            return;
        }
        try (Connection conn = AuditTestEnvironment.DATABASE.connect(); var st = conn.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS ledger_fixture_migration (name text PRIMARY KEY)");
            Path dir = Path.of(Objects.requireNonNull(LedgerFixture.class.getResource("/ledger-migrations")).toURI());
            List<Path> files;
            try (Stream<Path> list = Files.list(dir)) {
                files = list.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql"))
                        .sorted((a, b) -> Integer.compare(version(a), version(b))).toList();
            }
            for (Path file : files) {
                String name = file.getFileName().toString();
                try (var check = conn.prepareStatement("SELECT 1 FROM ledger_fixture_migration WHERE name = ?")) {
                    check.setString(1, name);
                    if (check.executeQuery().next()) {
                        continue;
                    }
                }
                st.execute(Files.readString(file));
                try (var done = conn.prepareStatement("INSERT INTO ledger_fixture_migration VALUES (?)")) {
                    done.setString(1, name);
                    done.execute();
                }
            }
        } catch (SQLException | IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot migrate the test ledger", e);
        }
        migrated = true;
    }

    private static int version(Path file) {
        String name = file.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    /** A USD transfer of {@code cents} from source to destination (opened on first use), committed at {@code at}. */
    public Posted post(UUID source, UUID destination, long cents, Instant at) {
        UUID transferId = UUID.randomUUID();
        try (Connection conn = AuditTestEnvironment.DATABASE.connect()) {
            conn.setAutoCommit(false);
            open(conn, source, at);
            open(conn, destination, at);
            long[] src = accounts.get(source), dst = accounts.get(destination);
            src[0] -= cents;
            src[1]++;
            dst[0] += cents;
            dst[1]++;
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO transfer (id, kind, status, source_account_id, "
                    + "destination_account_id, amount, currency, reference, request_id, created_at, tenant_id) "
                    + "VALUES (?, 'TRANSFER', 'POSTED', ?, ?, ?, 'USD', 'order-1', 'req-1', ?, ?)")) {
                ps.setObject(1, transferId);
                ps.setObject(2, source);
                ps.setObject(3, destination);
                ps.setLong(4, cents);
                ps.setTimestamp(5, Timestamp.from(at));
                ps.setString(6, tenantId);
                ps.execute();
            }
            entry(conn, transferId, source, "DEBIT", cents, src, at, hash(transferId, "DEBIT"));
            entry(conn, transferId, destination, "CREDIT", cents, dst, at, hash(transferId, "CREDIT"));
            for (UUID account : List.of(source, destination)) {
                try (PreparedStatement ps = conn.prepareStatement(
                        "UPDATE account SET balance = ?, version = ?, updated_at = ? WHERE id = ?")) {
                    ps.setLong(1, accounts.get(account)[0]);
                    ps.setLong(2, accounts.get(account)[1]);
                    ps.setTimestamp(3, Timestamp.from(at));
                    ps.setObject(4, account);
                    ps.execute();
                }
            }
            conn.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot post the test transfer", e);
        }
        UUID eventId = UUID.randomUUID();
        String envelope = TenantEvents.of(tenantId, "key_test", """
                {"eventId":"%s","type":"transfer.posted","occurredAt":"%s","aggregateId":"%s","sequence":1,
                 "requestId":"req-1","source":"api-node-1",
                 "data":{"id":"%s","kind":"TRANSFER","status":"POSTED","sourceAccountId":"%s","destinationAccountId":"%s",
                   "amount":"%s","currency":"USD","reference":"order-1","createdAt":"%s","metadata":{},
                   "entries":[{"accountId":"%s","direction":"DEBIT","amount":"%s","balanceAfter":"%s","hash":"%s"},
                              {"accountId":"%s","direction":"CREDIT","amount":"%s","balanceAfter":"%s","hash":"%s"}]}}
                """.formatted(eventId, at, transferId, transferId, source, destination, usd(cents), at,
                source, usd(cents), usd(accounts.get(source)[0]), hash(transferId, "DEBIT"),
                destination, usd(cents), usd(accounts.get(destination)[0]), hash(transferId, "CREDIT")));
        return new Posted(transferId, eventId, source, destination, cents, at, envelope);
    }

    private static String usd(long cents) {
        return CurrencyScale.render(cents, "USD");
    }

    private void open(Connection conn, UUID account, Instant at) throws SQLException {
        if (accounts.containsKey(account)) {
            return;
        }
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO account (id, currency, type, status, balance, "
                + "allow_negative_balance, created_at, updated_at, tenant_id) VALUES (?, 'USD', 'USER', 'ACTIVE', 0, true, ?, ?, ?)")) {
            ps.setObject(1, account);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setTimestamp(3, Timestamp.from(at));
            ps.setString(4, tenantId);
            ps.execute();
        }
        accounts.put(account, new long[] {0, 0});
    }

    /**
     * A well-formed stand-in for an entry's hash-chain link, distinct per entry and the same in the ledger row and the
     * event, so that reconciliation compares real values (the audit worker does not recompute the ledger's chains).
     */
    public static String hash(UUID transferId, String direction) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest((transferId + "\n" + direction).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void entry(Connection conn, UUID transferId, UUID account, String direction, long cents, long[] state,
                       Instant at, String hash) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO entry (id, transfer_id, account_id, direction, "
                + "amount, currency, balance_after, account_version, created_at, tenant_id, hash) "
                + "VALUES (?, ?, ?, ?, ?, 'USD', ?, ?, ?, ?, ?)")) {
            ps.setObject(1, UUID.randomUUID());
            ps.setObject(2, transferId);
            ps.setObject(3, account);
            ps.setString(4, direction);
            ps.setLong(5, cents);
            ps.setLong(6, state[0]);
            ps.setLong(7, state[1]);
            ps.setTimestamp(8, Timestamp.from(at));
            ps.setString(9, tenantId);
            ps.setString(10, hash);
            ps.execute();
        }
    }
}
