package dev.polyledger.audit;

import dev.polyledger.platform.testing.TestMongo;
import dev.polyledger.platform.testing.TenantEvents;
import dev.polyledger.audit.testing.AuditTestEnvironment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.polyledger.audit.testing.AuditClient;
import dev.polyledger.audit.testing.TestBroker;
import dev.polyledger.platform.http.auth.Scope;
import dev.polyledger.platform.testing.Events;
import dev.polyledger.platform.testing.TestTenants;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two tenants, acme and globex, each with an {@code audit:read} key, publish a transfer between the same two accounts
 * (account ids are not secret across tenants); the default tenant has a snapshot written before tenants existed (no
 * {@code tenantId} in MongoDB). Each key sees exactly its tenant's snapshots, by transfer id and by listing; another
 * tenant's transfer answers like an unknown one. Without a key: 401; with a key lacking {@code audit:read}: 403.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationIT implements TestPropertyProvider {
    private static final Duration WITHIN = Duration.ofSeconds(20);
    private final UUID alice = UUID.randomUUID(), bob = UUID.randomUUID();
    private final UUID acmeTransfer = UUID.randomUUID(), globexTransfer = UUID.randomUUID(),
            legacyTransfer = UUID.randomUUID();
    private final UUID acmeEvent = UUID.randomUUID(), globexEvent = UUID.randomUUID(), legacyEvent = UUID.randomUUID();

    @Inject
    EmbeddedServer server;
    TestTenants.TestTenant acme, globex, acmeLedgerOnly;
    AuditClient asAcme, asGlobex, asDefault;

    @Override
    public Map<String, String> getProperties() {
        return AuditTestEnvironment.properties();
    }

    @BeforeAll
    void publishBothTenantsHistories() throws Exception {
        acme = AuditTestEnvironment.KEYS.newTenant(Scope.AUDIT_READ);
        globex = AuditTestEnvironment.KEYS.newTenant(Scope.AUDIT_READ);
        acmeLedgerOnly = AuditTestEnvironment.KEYS.newKey(acme.tenantId(), Scope.LEDGER_READ, Scope.WEBHOOKS_MANAGE);
        String url = server.getURL().toString();
        asAcme = new AuditClient(url, acme.key());
        asGlobex = new AuditClient(url, globex.key());
        asDefault = new AuditClient(url);
        Instant now = Instant.now();
        try (TestBroker broker = new TestBroker()) {
            broker.publish("transfer.posted", acmeEvent.toString(), TenantEvents.of(acme.tenantId(), acme.keyId(),
                    Events.transferPosted(acmeEvent, acmeTransfer, alice, bob, now)));
            broker.publish("transfer.posted", globexEvent.toString(), TenantEvents.of(globex.tenantId(),
                    globex.keyId(), Events.transferPosted(globexEvent, globexTransfer, alice, bob, now)));
        }
        try (MongoClient client = MongoClients.create(TestMongo.uri())) {
            client.getDatabase(AuditTestEnvironment.MONGO_DATABASE).getCollection("audit_events").insertOne(legacySnapshot(now));
        }
        assertThat(asAcme.awaitGet("/api/v1/audit/transfers/" + acmeTransfer, a -> a.status() == 200, WITHIN).status())
                .isEqualTo(200);
        assertThat(asGlobex.awaitGet("/api/v1/audit/transfers/" + globexTransfer, a -> a.status() == 200, WITHIN)
                .status()).isEqualTo(200);
    }

    /** A snapshot as the worker wrote them before tenants existed: no tenantId, no actor. */
    private Document legacySnapshot(Instant at) {
        return new Document("_id", legacyEvent.toString()).append("type", "transfer.posted")
                .append("aggregateId", legacyTransfer.toString()).append("sequence", 1L)
                .append("occurredAt", Date.from(at)).append("occurredAtExact", at.toString())
                .append("requestId", "req-legacy").append("source", "api-node-1").append("receivedAt", Date.from(at))
                .append("data", new Document("id", legacyTransfer.toString()).append("amount", "1.00"))
                .append("accountIds", List.of(alice.toString(), bob.toString()))
                .append("transferId", legacyTransfer.toString());
    }

    private static List<String> eventIds(AuditClient client, String query) {
        var answer = client.get("/api/v1/audit/events?" + query);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        answer.json().get("items").forEach(item -> ids.add(item.get("eventId").asText()));
        return ids;
    }

    @Test
    void aTenantReadsItsOwnTransferWithItsTenantAndActor() {
        var answer = asAcme.get("/api/v1/audit/transfers/" + acmeTransfer);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.text("eventId")).isEqualTo(acmeEvent.toString());
        assertThat(answer.text("tenantId")).isEqualTo(acme.tenantId());
        assertThat(answer.text("actor")).isEqualTo(acme.keyId());
    }

    @Test
    void anotherTenantsTransferAnswersExactlyLikeAnUnknownOne() {
        var foreign = asGlobex.get("/api/v1/audit/transfers/" + acmeTransfer);
        var unknown = asGlobex.get("/api/v1/audit/transfers/" + UUID.randomUUID());

        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(404);
        assertThat(foreign.code()).isEqualTo("AUDIT_RECORD_NOT_FOUND");
        assertThat(fieldNames(foreign.json())).isEqualTo(fieldNames(unknown.json()));
        assertThat(foreign.text("title")).isEqualTo(unknown.text("title"));
        assertThat(foreign.header("Content-Type")).isEqualTo(unknown.header("Content-Type"));
        assertThat(asAcme.get("/api/v1/audit/transfers/" + globexTransfer).status()).isEqualTo(404);
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names.stream().sorted().toList();
    }

    @Test
    void aListingShowsOnlyTheCallersTenantEvenForTheSameAccounts() {
        assertThat(eventIds(asAcme, "accountId=" + alice)).containsExactly(acmeEvent.toString());
        assertThat(eventIds(asGlobex, "accountId=" + alice)).containsExactly(globexEvent.toString());
        assertThat(eventIds(asGlobex, "transferId=" + acmeTransfer)).isEmpty();
        assertThat(eventIds(asAcme, "limit=500")).contains(acmeEvent.toString())
                .doesNotContain(globexEvent.toString(), legacyEvent.toString());
    }

    @Test
    void aSnapshotWrittenBeforeTenantsIsTheDefaultTenantsOnly() {
        var legacy = asDefault.get("/api/v1/audit/transfers/" + legacyTransfer);

        assertThat(legacy.status()).as(legacy.toString()).isEqualTo(200);
        assertThat(legacy.text("tenantId")).isEqualTo("default");
        assertThat(legacy.text("actor")).isNull();
        assertThat(eventIds(asDefault, "accountId=" + alice)).containsExactly(legacyEvent.toString());
        assertThat(asAcme.get("/api/v1/audit/transfers/" + legacyTransfer).status()).isEqualTo(404);
    }

    @Test
    void withoutAKeyTheAnswerIs401AndRevealsNothing() {
        var anonymous = new AuditClient(server.getURL().toString(), null);

        var answer = anonymous.get("/api/v1/audit/transfers/" + acmeTransfer);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
        assertThat(answer.code()).isEqualTo("UNAUTHENTICATED");
        assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(answer.raw().body()).doesNotContain(acmeEvent.toString());
        assertThat(new AuditClient(server.getURL().toString(), "plk_" + "x".repeat(43))
                .get("/api/v1/audit/events").status()).isEqualTo(401);
    }

    @Test
    void aKeyWithoutAuditReadIsRefused403() {
        var answer = new AuditClient(server.getURL().toString(), acmeLedgerOnly.key())
                .get("/api/v1/audit/transfers/" + acmeTransfer);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
        assertThat(answer.code()).isEqualTo("INSUFFICIENT_SCOPE");
        assertThat(new AuditClient(server.getURL().toString(), acmeLedgerOnly.key()).get("/api/v1/audit/events")
                .status()).isEqualTo(403);
    }
}
