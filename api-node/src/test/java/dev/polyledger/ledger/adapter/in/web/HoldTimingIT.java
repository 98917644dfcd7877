package dev.polyledger.ledger.adapter.in.web;

import static dev.polyledger.ledger.testing.LedgerClient.transferBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.ledger.application.port.in.HoldUseCase;
import dev.polyledger.ledger.testing.FreshDatabase;
import dev.polyledger.ledger.testing.LedgerClient;
import dev.polyledger.ledger.testing.LedgerInvariants;
import dev.polyledger.ledger.testing.TestDatabase;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Timings of the performance notes, measured by hand, never asserted:
 * {@code ./mvnw -B -o -pl api-node verify -Dit.test=HoldTimingIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dholds.timing=true}, then read the {@code TIMING} lines of the output. Skipped otherwise.
 */
@ExtendWith(FreshDatabase.class)
@MicronautTest(transactional = false)
class HoldTimingIT {
    @Inject
    EmbeddedServer server;
    @Inject
    HoldUseCase holds;

    @Test
    void tenThousandExpiredHoldsAreReleasedByTheSweeper() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("holds.timing"), "-Dholds.timing=true");
        var api = new LedgerClient(server.getURL().toString());
        var sources = new ArrayList<String>();
        for (int i = 0; i < 100; i++) {
            sources.add(api.openAccount("USD"));
            api.credit(sources.get(i), "1000.00");
        }
        String merchant = api.openAccount("USD");
        try (var conn = TestDatabase.connect(); var st = conn.createStatement()) {
            // 10,000 pending holds of 1.00 that expired a minute ago, 100 per source account, reserved as placing them would.
            st.executeUpdate("INSERT INTO hold (tenant_id, id, source_account_id, destination_account_id, amount, currency, "
                    + "status, expires_at, created_at, updated_at, version) "
                    + "SELECT 'default', gen_random_uuid(), s.id, '" + merchant + "', 100, 'USD', 'PENDING', "
                    + "now() - interval '1 minute', now() - interval '1 hour', now() - interval '1 hour', 1 "
                    + "FROM account s, generate_series(1, 100) WHERE s.id IN (" + String.join(",",
                    sources.stream().map(id -> "'" + id + "'").toList()) + ")");
            st.executeUpdate("UPDATE account SET held_amount = 10000, version = version + 1 WHERE id IN (" + String.join(",",
                    sources.stream().map(id -> "'" + id + "'").toList()) + ")");
        }
        long start = System.nanoTime();
        int total = 0;
        int n;
        do {
            n = holds.expireDue(500);
            total += n;
        } while (n > 0);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("TIMING expired " + total + " holds in " + millis + " ms (one sweeper, 500 per transaction)");

        assertThat(total).isEqualTo(10_000);
        assertThat(LedgerInvariants.count("SELECT count(*) FROM account WHERE held_amount <> 0")).isZero();
        assertThat(LedgerInvariants.count("SELECT count(*) FROM outbox WHERE event_type = 'hold.expired'")).isGreaterThanOrEqualTo(10_000);
    }

    @Test
    void balanceAsOfOnAnAccountWithOneHundredThousandEntries() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("holds.timing"), "-Dholds.timing=true");
        var api = new LedgerClient(server.getURL().toString());
        String account = api.openAccount("USD");
        api.credit(account, "1.00"); // creates the tenant's USD world account
        String world = api.get("/api/v1/accounts/" + account + "/entries").json().get("items").get(0).get("transferId").asText();
        java.time.Instant base = java.time.Instant.parse("2026-01-01T00:00:00Z");
        try (var conn = TestDatabase.connect(); var st = conn.createStatement()) {
            conn.setAutoCommit(false);
            st.execute("CREATE TEMP TABLE w AS SELECT source_account_id AS id FROM transfer WHERE id = '" + world + "'");
            // 100,000 credits of 1.00 from the world account, one a second from 2026-01-01, versions after the existing ones.
            st.executeUpdate("INSERT INTO transfer (tenant_id, id, kind, status, source_account_id, destination_account_id, "
                    + "amount, currency, created_at) SELECT 'default', md5('t' || i)::uuid, 'CREDIT', 'POSTED', (SELECT id FROM w), '"
                    + account + "', 100, 'USD', timestamptz '2026-01-01T00:00:00Z' + i * interval '1 second' "
                    + "FROM generate_series(1, 100000) i");
            // Placeholder hashes: these synthetic entries are for balance reads only, their accounts' chains do not
            // verify (run this benchmark on its own, not before ITs that check LedgerInvariants).
            st.executeUpdate("INSERT INTO entry (tenant_id, id, transfer_id, account_id, direction, amount, currency, "
                    + "balance_after, account_version, created_at, hash) SELECT 'default', md5('c' || i)::uuid, md5('t' || i)::uuid, '"
                    + account + "', 'CREDIT', 100, 'USD', 100 * i, 1000 + i, "
                    + "timestamptz '2026-01-01T00:00:00Z' + i * interval '1 second', repeat('0', 64) FROM generate_series(1, 100000) i");
            st.executeUpdate("INSERT INTO entry (tenant_id, id, transfer_id, account_id, direction, amount, currency, "
                    + "balance_after, account_version, created_at, hash) SELECT 'default', md5('d' || i)::uuid, md5('t' || i)::uuid, "
                    + "(SELECT id FROM w), 'DEBIT', 100, 'USD', -100 * i, 1000000 + i, "
                    + "timestamptz '2026-01-01T00:00:00Z' + i * interval '1 second', repeat('0', 64) FROM generate_series(1, 100000) i");
            conn.commit();
            st.execute("ANALYZE entry");
        }
        var random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 200; i++) { // warm-up
            api.get("/api/v1/accounts/" + account + "/balance?asOf=" + base.plusSeconds(random.nextInt(1, 100_000)));
        }
        var latencies = new long[2000];
        for (int i = 0; i < latencies.length; i++) {
            int second = random.nextInt(1, 100_000);
            long t = System.nanoTime();
            var answer = api.get("/api/v1/accounts/" + account + "/balance?asOf=" + base.plusSeconds(second));
            latencies[i] = System.nanoTime() - t;
            assertThat(answer.text("balance")).isEqualTo(java.math.BigDecimal.valueOf(second).setScale(2).toPlainString());
        }
        java.util.Arrays.sort(latencies);
        System.out.printf("TIMING balance?asOf on 100,000 entries, one client, end to end over HTTP: p50 %.2f ms, p99 %.2f ms%n",
                latencies[latencies.length / 2] / 1e6, latencies[latencies.length * 99 / 100] / 1e6);
    }

    @Test
    void holdAndPostAgainstOneTransfer() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("holds.timing"), "-Dholds.timing=true");
        var api = new LedgerClient(server.getURL().toString());
        String payer = api.openAccount("USD");
        String payee = api.openAccount("USD");
        api.credit(payer, "100000.00");
        int rounds = 300;
        for (int i = 0; i < 50; i++) { // warm-up of both paths
            api.post("/api/v1/transfers", transferBody(payer, payee, "1.00", "USD"));
            var hold = api.post("/api/v1/holds", HoldsIT.holdBody(payer, payee, "1.00", null));
            api.post("/api/v1/holds/" + hold.text("id") + "/post", null);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            assertThat(api.post("/api/v1/transfers", transferBody(payer, payee, "1.00", "USD")).status()).isEqualTo(201);
        }
        long transfers = System.nanoTime() - t0;
        long t1 = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            var hold = api.post("/api/v1/holds", HoldsIT.holdBody(payer, payee, "1.00", null));
            assertThat(api.post("/api/v1/holds/" + hold.text("id") + "/post", null).status()).isEqualTo(201);
        }
        long holdPosts = System.nanoTime() - t1;
        System.out.printf("TIMING sequential, one client: transfer %.2f ms each; hold + post %.2f ms each (ratio %.2f)%n",
                transfers / 1e6 / rounds, holdPosts / 1e6 / rounds, (double) holdPosts / transfers);
        LedgerInvariants.assertHold();
    }
}
