package dev.polyledger.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.polyledger.audit.testing.AuditClient;
import dev.polyledger.audit.testing.AuditTestEnvironment;
import dev.polyledger.audit.testing.LedgerFixture;
import dev.polyledger.audit.testing.TestBroker;
import dev.polyledger.platform.http.auth.Scope;
import dev.polyledger.platform.testing.HttpTestClient;
import dev.polyledger.platform.testing.TestTenants;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Reconciliation and rebuild against a real ledger schema (api-node's migrations, {@link LedgerFixture}) in
 * PostgreSQL and the audit trail in MongoDB (or the stand-in), the snapshots recorded from events published through the
 * real broker: a clean trail reconciles clean; snapshots deleted are reported missing, one altered is mismatched; a
 * rebuild adds exactly the missing ones (source "rebuild"), after which the reconciliation finds nothing missing; a
 * second rebuild adds nothing. The scheduled check exports the gauges.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconciliationIT implements TestPropertyProvider {
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final String OPERATOR_KEY = "it-operator-" + UUID.randomUUID().toString().replace("-", "");

    @Inject
    EmbeddedServer server;
    @Inject
    MongoClient mongo;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(AuditTestEnvironment.properties());
        properties.put("platform.auth.bootstrap-key", OPERATOR_KEY);
        properties.put("audit.reconciliation.every", "10s");
        properties.put("audit.reconciliation.conservation-every", "10s");
        return properties;
    }

    private MongoCollection<Document> snapshots() {
        return mongo.getDatabase(AuditTestEnvironment.MONGO_DATABASE).getCollection("audit_events");
    }

    /** A second of its own in the past, so that the window holds only this test's transfers. */
    private static Instant ownSecond() {
        return Instant.parse("2001-01-01T00:00:00Z").plusSeconds(ThreadLocalRandom.current().nextInt(900_000_000));
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.asText()));
        return ids;
    }

    @Test
    void missingAndMismatchedSnapshotsAreReportedAndARebuildAddsTheMissingOnesOnce() throws Exception {
        TestTenants.TestTenant tenant = AuditTestEnvironment.KEYS.newTenant(Scope.AUDIT_READ);
        var ledger = new LedgerFixture(tenant.tenantId());
        var api = new AuditClient(server.getURL().toString(), tenant.key());
        Instant base = ownSecond();
        UUID alice = UUID.randomUUID(), bob = UUID.randomUUID();
        List<LedgerFixture.Posted> posted = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            posted.add(ledger.post(i % 2 == 0 ? alice : bob, i % 2 == 0 ? bob : alice, 1000 + i,
                    base.plusMillis(100L * i + 1).plus(123, ChronoUnit.MICROS)));
        }
        try (TestBroker broker = new TestBroker()) {
            for (var p : posted) {
                broker.publish("transfer.posted", p.eventId().toString(), p.envelope());
            }
        }
        String window = "from=" + base + "&to=" + base.plus(Duration.ofHours(1));
        var clean = api.awaitGet("/api/v1/audit/reconciliation?" + window,
                a -> a.status() == 200 && a.json().get("snapshots").asInt() == 6, WITHIN);
        assertThat(clean.json().get("transfersInLedger").asInt()).as(clean.toString()).isEqualTo(6);
        assertThat(clean.json().get("snapshots").asInt()).as(clean.toString()).isEqualTo(6);
        assertThat(ids(clean.json().get("missing"))).isEmpty();
        assertThat(ids(clean.json().get("mismatched"))).isEmpty();
        assertThat(clean.json().get("truncated").asBoolean()).isFalse();

        String lost1 = posted.get(1).transferId().toString(), lost2 = posted.get(4).transferId().toString();
        String altered = posted.get(2).transferId().toString();
        String rechained = posted.get(3).transferId().toString();
        assertThat(snapshots().deleteMany(Filters.in("transferId", lost1, lost2)).getDeletedCount()).isEqualTo(2);
        assertThat(snapshots().updateOne(Filters.eq("transferId", altered), Updates.set("data.amount", "999.99"))
                .getModifiedCount()).isEqualTo(1);
        // Same amounts and accounts, another hash-chain link on one entry: only the entry hashes tell them apart.
        assertThat(snapshots().updateOne(Filters.eq("transferId", rechained), Updates.set("data.entries.0.hash",
                "f".repeat(64))).getModifiedCount()).isEqualTo(1);

        var broken = api.get("/api/v1/audit/reconciliation?" + window);
        assertThat(broken.status()).as(broken.toString()).isEqualTo(200);
        assertThat(broken.json().get("transfersInLedger").asInt()).isEqualTo(6);
        assertThat(broken.json().get("snapshots").asInt()).isEqualTo(4);
        assertThat(ids(broken.json().get("missing"))).containsExactlyInAnyOrder(lost1, lost2);
        assertThat(ids(broken.json().get("mismatched"))).containsExactlyInAnyOrder(altered, rechained);

        var rebuilt = rebuild(OPERATOR_KEY, window, "rebuild-" + base);
        assertThat(rebuilt.status()).as(rebuilt.toString()).isEqualTo(200);
        assertThat(rebuilt.json().get("transfersInLedger").asInt()).isEqualTo(6);
        assertThat(rebuilt.json().get("added").asInt()).isEqualTo(2);
        assertThat(rebuilt.json().get("alreadyPresent").asInt()).isEqualTo(4);

        var after = api.get("/api/v1/audit/reconciliation?" + window);
        assertThat(ids(after.json().get("missing"))).as(after.toString()).isEmpty();
        assertThat(ids(after.json().get("mismatched"))).as("a rebuild leaves existing snapshots alone")
                .containsExactlyInAnyOrder(altered, rechained);
        var snapshot = api.get("/api/v1/audit/transfers/" + lost1);
        assertThat(snapshot.status()).isEqualTo(200);
        assertThat(snapshot.text("source")).isEqualTo("rebuild");
        assertThat(snapshot.json().get("data").get("amount").asText()).isEqualTo("10.01");
        assertThat(snapshot.text("occurredAt")).isEqualTo(posted.get(1).at().toString());
        assertThat(snapshot.json().get("data").get("entries").findValuesAsText("hash")).as("the ledger's links")
                .containsExactlyInAnyOrder(LedgerFixture.hash(posted.get(1).transferId(), "DEBIT"),
                        LedgerFixture.hash(posted.get(1).transferId(), "CREDIT"));

        var again = rebuild(OPERATOR_KEY, window, "rebuild-again-" + base);
        assertThat(again.json().get("added").asInt()).as(again.toString()).isZero();
        assertThat(again.json().get("alreadyPresent").asInt()).isEqualTo(6);
        assertThat(snapshots().countDocuments(Filters.eq("tenantId", tenant.tenantId()))).isEqualTo(6);
    }

    @Test
    void windowsAreBoundedAndTheRebuildIsTheOperatorsOnly() {
        TestTenants.TestTenant tenant = AuditTestEnvironment.KEYS.newTenant(Scope.AUDIT_READ);
        var api = new AuditClient(server.getURL().toString(), tenant.key());
        Instant base = ownSecond();
        var tooLong = api.get("/api/v1/audit/reconciliation?from=" + base + "&to=" + base.plus(Duration.ofHours(25)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(tooLong.text("field")).isEqualTo("to");
        var noFrom = api.get("/api/v1/audit/reconciliation?to=" + base);
        assertThat(noFrom.status()).isEqualTo(400);
        assertThat(noFrom.text("field")).isEqualTo("from");
        var backwards = api.get("/api/v1/audit/reconciliation?from=" + base + "&to=" + base.minusSeconds(1));
        assertThat(backwards.status()).isEqualTo(400);
        var fine = api.get("/api/v1/audit/reconciliation?from=" + base + "&to=" + base.plus(Duration.ofHours(24)));
        assertThat(fine.status()).as("positive control: 24 h is allowed").isEqualTo(200);

        String window = "from=" + base + "&to=" + base.plusSeconds(60);
        var notOperator = rebuild(tenant.key(), window, "k1");
        assertThat(notOperator.status()).isEqualTo(403);
        assertThat(notOperator.code()).isEqualTo("INSUFFICIENT_SCOPE");
        var noKey = api.send(api.requestAs("/api/v1/audit/reconciliation?" + window, null).GET());
        assertThat(noKey.status()).isEqualTo(401);
        var noIdempotencyKey = api.send(api.requestAs("/api/v1/audit/rebuild?" + window, OPERATOR_KEY)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(noIdempotencyKey.status()).isEqualTo(400);
        assertThat(noIdempotencyKey.code()).isEqualTo("IDEMPOTENCY_KEY_MISSING");
        var operator = rebuild(OPERATOR_KEY, window, "k2");
        assertThat(operator.status()).as("positive control: " + operator).isEqualTo(200);
    }

    @Test
    void theScheduledCheckExportsMissingSnapshotsConservationAndAuditLag() throws Exception {
        TestTenants.TestTenant tenant = AuditTestEnvironment.KEYS.newTenant(Scope.AUDIT_READ);
        var ledger = new LedgerFixture(tenant.tenantId());
        // inside the scheduled window [now-3min, now-1min) (the defaults) for the next 80 s, longer than the wait below
        Instant posted = Instant.now().minus(Duration.ofSeconds(100)).truncatedTo(ChronoUnit.MILLIS);
        var recorded = ledger.post(UUID.randomUUID(), UUID.randomUUID(), 500, posted);
        ledger.post(UUID.randomUUID(), UUID.randomUUID(), 700, posted.plusMillis(1));   // its event is lost
        try (TestBroker broker = new TestBroker()) {
            broker.publish("transfer.posted", recorded.eventId().toString(), recorded.envelope());
        }
        var metrics = new HttpTestClient(server.getURL().toString());
        String missing = "ledger_reconciliation_missing{tenant=\"" + tenant.tenantId() + "\"} 1.0";
        String mismatched = "ledger_reconciliation_mismatched{tenant=\"" + tenant.tenantId() + "\"} 0.0";
        String conserved = "ledger_conservation_imbalance{currency=\"USD\"} 0.0";
        Pattern completedRun = Pattern.compile("ledger_reconciliation_runs_total\\{outcome=\"ok\"} [1-9]");
        // A run sets the gauges tenant by tenant, then the conservation, then counts itself: wait for all of it.
        var scraped = metrics.awaitGet("/prometheus", a -> a.raw().body().contains(missing)
                && a.raw().body().contains(conserved) && completedRun.matcher(a.raw().body()).find(), Duration.ofSeconds(45));
        String body = scraped.raw().body();
        assertThat(body).contains(missing).contains(mismatched).contains(conserved);
        assertThat(body).containsPattern(completedRun);
        assertThat(body).containsPattern("(?m)^audit_lag_seconds_count [1-9]").contains("audit_lag_seconds_bucket{le=");
    }

    private HttpTestClient.Answer rebuild(String key, String window, String idempotencyKey) {
        var client = new HttpTestClient(server.getURL().toString(), key);
        return client.send(client.request("/api/v1/audit/rebuild?" + window).header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }
}
