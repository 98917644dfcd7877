package dev.polyledger.ledger.adapter.in.web;

import static dev.polyledger.ledger.testing.LedgerClient.transferBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.ledger.testing.FreshDatabase;
import dev.polyledger.ledger.testing.LedgerClient;
import dev.polyledger.ledger.testing.LedgerInvariants;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tenants and API keys on one api-node, over real HTTP, PostgreSQL and Redis: two tenants created through the API
 * cannot see or touch each other's money, each key is held to its scopes, and a request without a valid key is
 * refused before anything is read.
 */
@ExtendWith(FreshDatabase.class)
@MicronautTest(transactional = false)
class TenantIsolationIT {
    @Inject
    EmbeddedServer server;
    LedgerClient operator;
    LedgerClient acme;
    LedgerClient globex;

    @BeforeEach
    void twoTenants() {
        operator = new LedgerClient(server.getURL().toString());
        acme = operator.newTenant("acme-" + UUID.randomUUID());
        globex = operator.newTenant("globex-" + UUID.randomUUID());
    }

    @Test
    void answersAnotherTenantsAccountTransferAndEntriesExactlyLikeUnknownOnes() {
        String account = acme.openAccount("USD");
        var credit = acme.credit(account, "10.00");
        String transfer = credit.text("id");
        String unknownAccount = UUID.randomUUID().toString();
        String unknownTransfer = UUID.randomUUID().toString();

        assertSameRefusal(globex.get("/api/v1/accounts/" + account), globex.get("/api/v1/accounts/" + unknownAccount),
                account, unknownAccount);
        assertSameRefusal(globex.get("/api/v1/accounts/" + account + "/entries"),
                globex.get("/api/v1/accounts/" + unknownAccount + "/entries"), account, unknownAccount);
        assertSameRefusal(globex.get("/api/v1/transfers/" + transfer), globex.get("/api/v1/transfers/" + unknownTransfer),
                transfer, unknownTransfer);
        assertThat(acme.get("/api/v1/transfers/" + transfer).status()).as("control: the owner sees it").isEqualTo(200);
    }

    @Test
    void cannotMoveAnotherTenantsMoneyInAnyDirection() throws SQLException {
        String acmeAccount = acme.openAccount("USD");
        assertThat(acme.credit(acmeAccount, "50.00").status()).isEqualTo(201);
        String globexAccount = globex.openAccount("USD");
        long transfersBefore = LedgerInvariants.count("SELECT count(*) FROM transfer");

        var steal = globex.post("/api/v1/transfers", transferBody(acmeAccount, globexAccount, "50.00", "USD"));
        var push = globex.post("/api/v1/transfers", transferBody(globexAccount, acmeAccount, "1.00", "USD"));
        var debit = globex.post("/api/v1/accounts/" + acmeAccount + "/debits", "{\"amount\":\"50.00\"}");
        var freeze = globex.post("/api/v1/accounts/" + acmeAccount + "/freeze", null);

        assertThat(steal.status()).isEqualTo(404);
        assertThat(steal.code()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(push.status()).isEqualTo(404);
        assertThat(push.code()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(debit.code()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(freeze.code()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(LedgerInvariants.count("SELECT count(*) FROM transfer")).isEqualTo(transfersBefore);
        assertThat(acme.balance(acmeAccount)).isEqualTo("50.00");
        assertThat(acme.get("/api/v1/accounts/" + acmeAccount).text("status")).isEqualTo("ACTIVE");
    }

    @Test
    void givesEachTenantWorldAccountsOfItsOwn() throws SQLException {
        String acmeAccount = acme.openAccount("EUR");
        String globexAccount = globex.openAccount("EUR");

        var acmeCredit = acme.credit(acmeAccount, "7.00");
        var globexCredit = globex.credit(globexAccount, "3.00");

        assertThat(acmeCredit.text("sourceAccountId")).isNotEqualTo(globexCredit.text("sourceAccountId"));
        assertThat(acme.balance(acmeCredit.text("sourceAccountId"))).isEqualTo("-7.00");
        assertThat(globex.balance(globexCredit.text("sourceAccountId"))).isEqualTo("-3.00");
        assertThat(LedgerInvariants.count("SELECT count(DISTINCT tenant_id) FROM account WHERE world AND currency = 'EUR' "
                + "AND id IN ('" + acmeCredit.text("sourceAccountId") + "', '" + globexCredit.text("sourceAccountId")
                + "')")).isEqualTo(2);
    }

    @Test
    void treatsTheSameIdempotencyKeyInTwoTenantsAsTwoRequests() {
        String key = "order-" + UUID.randomUUID();
        var first = acme.post("/api/v1/accounts", "{\"currency\":\"USD\"}", key);
        var second = globex.post("/api/v1/accounts", "{\"currency\":\"USD\"}", key);
        var replay = acme.post("/api/v1/accounts", "{\"currency\":\"USD\"}", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.header("Idempotent-Replayed")).isNull();
        assertThat(second.text("id")).isNotEqualTo(first.text("id"));
        assertThat(replay.header("Idempotent-Replayed")).as("control: the same tenant replays").isEqualTo("true");
        assertThat(replay.text("id")).isEqualTo(first.text("id"));
    }

    @Test
    void refusesRequestsWithoutAValidKeyBeforeReadingAnything() {
        String account = acme.openAccount("USD");

        var none = acme.withKey(null).get("/api/v1/accounts/" + account);
        var wrong = acme.withKey("plk_" + "x".repeat(43)).get("/api/v1/accounts/" + account);
        var write = acme.withKey(null).post("/api/v1/accounts", "{\"currency\":\"USD\"}");

        for (var refusal : new LedgerClient.Answer[] {none, wrong, write}) {
            assertThat(refusal.status()).isEqualTo(401);
            assertThat(refusal.code()).isEqualTo("UNAUTHENTICATED");
            assertThat(refusal.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(refusal.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(acme.get("/api/v1/accounts/" + account).status()).as("control: with the key").isEqualTo(200);
    }

    @Test
    void holdsEachKeyToItsScopes() {
        String account = acme.openAccount("USD");
        LedgerClient reader = acme.withKey(acme.newKey("ledger:read"));
        LedgerClient auditor = acme.withKey(acme.newKey("audit:read"));

        assertThat(reader.get("/api/v1/accounts/" + account).status()).isEqualTo(200);
        var write = reader.post("/api/v1/accounts/" + account + "/credits", "{\"amount\":\"1.00\"}");
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.code()).isEqualTo("INSUFFICIENT_SCOPE");
        var read = auditor.get("/api/v1/accounts/" + account);
        assertThat(read.status()).isEqualTo(403);
        assertThat(read.code()).isEqualTo("INSUFFICIENT_SCOPE");
        var keys = reader.get("/api/v1/api-keys");
        assertThat(keys.status()).isEqualTo(403);
        var tenant = acme.post("/api/v1/tenants", "{\"name\":\"not-an-operator\"}");
        assertThat(tenant.status()).as("only the operator key creates tenants").isEqualTo(403);
        assertThat(acme.balance(account)).isEqualTo("0.00");
    }

    private static void assertSameRefusal(LedgerClient.Answer other, LedgerClient.Answer unknown, String otherId,
                                          String unknownId) {
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.status()).isEqualTo(unknown.status());
        assertThat(other.code()).isEqualTo(unknown.code());
        assertThat(other.raw().body().replace(otherId, "ID")).isEqualTo(unknown.raw().body().replace(unknownId, "ID"));
    }
}
