package dev.polyledger.ledger.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polyledger.ledger.testing.FreshDatabase;
import dev.polyledger.ledger.testing.LedgerClient;
import dev.polyledger.ledger.testing.TestDatabase;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The hash chain over real HTTP and PostgreSQL (api-contract.md, "Integrity: the hash chain"): every way money moves
 * chains its entries, a client recomputes each hash from the entries list alone (README, "Verifying the hash
 * chain", implemented here from that text, not from the production code), and {@code /verification} finds an amount
 * changed behind the ledger's back.
 */
@ExtendWith(FreshDatabase.class)
@MicronautTest(transactional = false)
class HashChainIT {
    private static final String GENESIS = "0".repeat(64);

    @Inject
    EmbeddedServer server;
    LedgerClient api;

    @BeforeEach
    void newTenant() {
        api = new LedgerClient(server.getURL().toString()).newTenant("chain-" + UUID.randomUUID());
    }

    @Test
    void creditsTransfersHoldsRefundsBatchesAndDebitsChainEveryEntryAsTheReadmeSays() {
        String alice = api.openAccount("USD");
        String bob = api.openAccount("USD");
        var credit = api.credit(alice, "100.00");
        assertThat(credit.status()).isEqualTo(201);
        String world = credit.text("sourceAccountId");
        var sale = api.post("/api/v1/transfers", LedgerClient.transferBody(alice, bob, "30.00", "USD"));
        assertThat(sale.status()).isEqualTo(201);
        var hold = api.post("/api/v1/holds", HoldsIT.holdBody(alice, bob, "20.00", null));
        assertThat(hold.status()).isEqualTo(201);
        assertThat(api.post("/api/v1/holds/" + hold.text("id") + "/post", "{\"amount\":\"5.00\"}").status()).isEqualTo(201);
        assertThat(api.post("/api/v1/transfers/" + sale.text("id") + "/refunds", "{\"amount\":\"0.07\"}").status())
                .isEqualTo(201);
        assertThat(api.post("/api/v1/batches", "{\"mode\":\"ATOMIC\",\"items\":["
                + item(alice, bob, "1.00") + "," + item(bob, alice, "2.00") + "]}").status()).isEqualTo(201);
        assertThat(api.post("/api/v1/accounts/" + bob + "/debits", "{\"amount\":\"0.50\"}").status()).isEqualTo(201);

        for (String account : List.of(alice, bob, world)) {
            List<JsonNode> entries = entriesOldestFirst(account);
            String previous = GENESIS;
            for (JsonNode entry : entries) {
                assertThat(entry.get("createdAt").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z");
                assertThat(entry.get("hash").asText()).as("entry %s", entry).isEqualTo(recompute(previous, entry));
                previous = entry.get("hash").asText();
            }
            var verification = api.get("/api/v1/accounts/" + account + "/verification");
            assertThat(verification.status()).isEqualTo(200);
            assertThat(verification.text("accountId")).isEqualTo(account);
            assertThat(verification.json().get("valid").asBoolean()).as(verification.toString()).isTrue();
            assertThat(verification.json().get("entries").asLong()).isEqualTo(entries.size());
            assertThat(verification.text("headHash")).isEqualTo(previous);
            assertThat(verification.json().get("firstBrokenVersion").isNull()).isTrue();
        }
        assertThat(entriesOldestFirst(alice)).hasSize(6);
        assertThat(entriesOldestFirst(bob)).hasSize(6);

        var legs = sale.json().get("entries");
        assertThat(legs.get(0).get("hash").asText()).isEqualTo(entriesOldestFirst(alice).get(1).get("hash").asText());
        assertThat(api.get("/api/v1/transfers/" + sale.text("id")).json().get("entries")).isEqualTo(legs);
    }

    @Test
    void findsAnAmountChangedInTheDatabaseAtItsVersionAndOnlyOnItsAccount() throws SQLException {
        String alice = api.openAccount("USD");
        String bob = api.openAccount("USD");
        for (String amount : List.of("10.00", "20.00", "30.00", "40.00")) {
            assertThat(api.credit(alice, amount).status()).isEqualTo(201);
        }
        assertThat(api.post("/api/v1/transfers", LedgerClient.transferBody(alice, bob, "5.00", "USD")).status())
                .isEqualTo(201);
        assertThat(verification(alice).get("valid").asBoolean()).isTrue();

        tamper("UPDATE entry SET amount = amount + 1 WHERE account_id = '" + alice + "' AND account_version = 3");
        try {
            var broken = verification(alice);
            assertThat(broken.get("valid").asBoolean()).isFalse();
            assertThat(broken.get("firstBrokenVersion").asLong()).isEqualTo(3);
            assertThat(broken.get("entries").asLong()).isEqualTo(5);
            assertThat(verification(bob).get("valid").asBoolean()).isTrue();
        } finally {
            tamper("UPDATE entry SET amount = amount - 1 WHERE account_id = '" + alice + "' AND account_version = 3");
        }
        assertThat(verification(alice).get("valid").asBoolean()).isTrue();
    }

    @Test
    void findsAnAccountWhoseHeadIsNotItsLastEntrysHash() throws SQLException {
        String alice = api.openAccount("USD");
        assertThat(api.credit(alice, "1.00").status()).isEqualTo(201);
        String head = verification(alice).get("headHash").asText();

        tamper("UPDATE account SET head_hash = '" + GENESIS + "' WHERE id = '" + alice + "'");
        try {
            var broken = verification(alice);
            assertThat(broken.get("valid").asBoolean()).isFalse();
            assertThat(broken.get("firstBrokenVersion").asLong()).isEqualTo(1);
            assertThat(broken.get("headHash").asText()).isEqualTo(GENESIS);
        } finally {
            tamper("UPDATE account SET head_hash = '" + head + "' WHERE id = '" + alice + "'");
        }
    }

    @Test
    void anotherTenantsAccountIsNotFoundLikeAnUnknownOneAndReadingNeedsLedgerRead() {
        String alice = api.openAccount("USD");
        var other = new LedgerClient(server.getURL().toString()).newTenant("other-" + UUID.randomUUID());

        var foreign = other.get("/api/v1/accounts/" + alice + "/verification");
        var unknown = api.get("/api/v1/accounts/" + UUID.randomUUID() + "/verification");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.code()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(api.withKey(api.newKey("ledger:read")).get("/api/v1/accounts/" + alice + "/verification").status())
                .isEqualTo(200);
        assertThat(api.withKey(api.newKey("ledger:write")).get("/api/v1/accounts/" + alice + "/verification").status())
                .isEqualTo(403);
        var fresh = verification(alice);
        assertThat(fresh.get("valid").asBoolean()).isTrue();
        assertThat(fresh.get("entries").asLong()).isZero();
        assertThat(fresh.get("headHash").asText()).isEqualTo(GENESIS);
    }

    /** README, "Verifying the hash chain", step by step. */
    private static String recompute(String previous, JsonNode entry) {
        String canonical = String.join("\n", previous, entry.get("id").asText(), entry.get("transferId").asText(),
                entry.get("accountId").asText(), entry.get("direction").asText(), minorUnits(entry.get("amount").asText()),
                entry.get("currency").asText(), minorUnits(entry.get("balanceAfter").asText()),
                entry.get("accountVersion").asText(), entry.get("createdAt").asText());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** "25.00" → "2500", "-0.50" → "-50": the decimal string without its point, as an integer. */
    private static String minorUnits(String decimal) {
        return new java.math.BigInteger(decimal.replace(".", "")).toString();
    }

    private List<JsonNode> entriesOldestFirst(String account) {
        var page = api.get("/api/v1/accounts/" + account + "/entries?limit=500");
        assertThat(page.status()).isEqualTo(200);
        var entries = new ArrayList<>(StreamSupport.stream(page.json().get("items").spliterator(), false).toList());
        java.util.Collections.reverse(entries);
        return entries;
    }

    private JsonNode verification(String account) {
        var answer = api.get("/api/v1/accounts/" + account + "/verification");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    /** A change behind the ledger's back: no triggers (session_replication_role = replica), as a superuser could. */
    private static void tamper(String sql) throws SQLException {
        try (var conn = TestDatabase.connect(); var st = conn.createStatement()) {
            st.execute("SET session_replication_role = replica");
            assertThat(st.executeUpdate(sql)).isEqualTo(1);
        }
    }

    private static String item(String source, String destination, String amount) {
        return "{\"sourceAccountId\":\"" + source + "\",\"destinationAccountId\":\"" + destination + "\",\"amount\":\""
                + amount + "\",\"currency\":\"USD\"}";
    }
}
