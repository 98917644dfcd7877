package dev.polyledger.audit;

import dev.polyledger.audit.testing.AuditTestEnvironment;
import dev.polyledger.platform.testing.Events;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polyledger.audit.testing.AuditClient;
import dev.polyledger.audit.testing.TestBroker;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code GET /api/v1/audit/events} filters and pages, over a small history published once through the real
 * broker: alice and bob open accounts, two transfers between them, alice is frozen in the same millisecond as the
 * second transfer, then alice pays carol.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditQueriesIT implements TestPropertyProvider {
    private static final String UUID_TEXT = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final Duration WITHIN = Duration.ofSeconds(20);
    private final UUID alice = UUID.randomUUID(), bob = UUID.randomUUID(), carol = UUID.randomUUID();
    private final UUID t1 = UUID.randomUUID(), t2 = UUID.randomUUID(), t3 = UUID.randomUUID();
    private final UUID aliceOpened = UUID.randomUUID(), bobOpened = UUID.randomUUID(), t1Posted = UUID.randomUUID(),
            t2Posted = UUID.randomUUID(), aliceFrozen = UUID.randomUUID(), t3Posted = UUID.randomUUID();
    /** A second of its own, so that the time filters only see this history. */
    private final Instant base = Instant.parse("2001-01-01T00:00:00Z").plusSeconds(java.util.concurrent.ThreadLocalRandom.current().nextInt(900_000_000));

    @Inject
    EmbeddedServer server;
    AuditClient api;

    @Override
    public Map<String, String> getProperties() {
        return AuditTestEnvironment.properties();
    }

    private Instant at(int millis) {
        return base.plusMillis(millis);
    }

    @BeforeAll
    void publishHistory() throws Exception {
        api = new AuditClient(server.getURL().toString());
        try (TestBroker broker = new TestBroker()) {
            broker.publish("account.created", aliceOpened.toString(),
                    Events.accountEvent("account.created", aliceOpened, alice, 1, "ACTIVE", at(100)));
            broker.publish("account.created", bobOpened.toString(),
                    Events.accountEvent("account.created", bobOpened, bob, 1, "ACTIVE", at(200)));
            broker.publish("transfer.posted", t1Posted.toString(), Events.transferPosted(t1Posted, t1, alice, bob, at(300)));
            broker.publish("transfer.posted", t2Posted.toString(), Events.transferPosted(t2Posted, t2, bob, alice, at(400)));
            broker.publish("account.frozen", aliceFrozen.toString(),
                    Events.accountEvent("account.frozen", aliceFrozen, alice, 2, "FROZEN", at(400).plusNanos(250_000)));
            broker.publish("transfer.posted", t3Posted.toString(), Events.transferPosted(t3Posted, t3, alice, carol, at(500)));
        }
        var all = api.awaitGet("/api/v1/audit/events?limit=500&from=" + base + "&to=" + base.plusSeconds(1),
                a -> a.status() == 200 && a.json().get("items").size() == 6, WITHIN);
        assertThat(all.json().get("items").size()).as(all.toString()).isEqualTo(6);
    }

    @BeforeEach
    void client() {
        api = new AuditClient(server.getURL().toString());
    }

    private List<String> eventIds(String query) {
        var answer = api.get("/api/v1/audit/events?" + query);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        answer.json().get("items").forEach(item -> ids.add(item.get("eventId").asText()));
        return ids;
    }

    /** Newest first; alice's freeze and t2 share a millisecond, so the larger event id comes first. */
    private List<String> newestFirst(UUID... events) {
        Map<UUID, Instant> times = Map.of(aliceOpened, at(100), bobOpened, at(200), t1Posted, at(300), t2Posted, at(400),
                aliceFrozen, at(400), t3Posted, at(500));
        return java.util.Arrays.stream(events)
                .sorted(Comparator.comparing((UUID e) -> times.get(e)).thenComparing(UUID::toString).reversed())
                .map(UUID::toString).toList();
    }

    @Test
    void filtersByAccountNewestFirst() {
        assertThat(eventIds("accountId=" + alice))
                .containsExactlyElementsOf(newestFirst(aliceOpened, t1Posted, t2Posted, aliceFrozen, t3Posted));
        assertThat(eventIds("accountId=" + bob)).containsExactlyElementsOf(newestFirst(bobOpened, t1Posted, t2Posted));
        assertThat(eventIds("accountId=" + carol)).containsExactly(t3Posted.toString());
    }

    @Test
    void filtersByTransfer() {
        assertThat(eventIds("transferId=" + t2)).containsExactly(t2Posted.toString());
    }

    @Test
    void filtersByTypeWithAccount() {
        assertThat(eventIds("type=transfer.posted&accountId=" + alice))
                .containsExactlyElementsOf(newestFirst(t1Posted, t2Posted, t3Posted));
        assertThat(eventIds("type=account.frozen&accountId=" + alice)).containsExactly(aliceFrozen.toString());
    }

    @Test
    void filtersByTimeFromInclusiveToExclusive() {
        assertThat(eventIds("from=" + at(300) + "&to=" + at(500)))
                .containsExactlyElementsOf(newestFirst(t1Posted, t2Posted, aliceFrozen));
        assertThat(eventIds("accountId=" + bob + "&from=" + at(200) + "&to=" + at(301)))
                .containsExactlyElementsOf(newestFirst(bobOpened, t1Posted));
    }

    @Test
    void pagesDoNotOverlapAndFollowTheSameOrder() {
        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var answer = api.get("/api/v1/audit/events?limit=2&accountId=" + alice + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            JsonNode json = answer.json();
            assertThat(json.get("items").size()).isLessThanOrEqualTo(2);
            json.get("items").forEach(item -> paged.add(item.get("eventId").asText()));
            cursor = json.get("nextCursor").isNull() ? null : json.get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(paged).doesNotHaveDuplicates()
                .containsExactlyElementsOf(newestFirst(aliceOpened, t1Posted, t2Posted, aliceFrozen, t3Posted));
    }

    @ParameterizedTest
    @CsvSource({
            "limit=0,limit", "limit=501,limit", "limit=x,limit", "accountId=acc_1,accountId",
            "transferId=42,transferId", "type=transfer.voided,type", "from=yesterday,from",
            "from=2026-11-21T10:00:00Z&to=2026-11-21T09:00:00Z,to", "cursor=bm9wZQ,cursor"})
    void refusesBadParametersWithAProblem(String query, String field) {
        var answer = api.get("/api/v1/audit/events?" + query, "my-request-7");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.header("X-Request-Id")).isEqualTo("my-request-7");
        assertThat(answer.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(answer.json().get("field").asText()).isEqualTo(field);
        assertThat(answer.json().get("status").asInt()).isEqualTo(400);
        assertThat(answer.raw().body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aTransferIdThatIsNotAUuidNamesNothing() {
        var answer = api.get("/api/v1/audit/transfers/not-a-uuid");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.code()).isEqualTo("AUDIT_RECORD_NOT_FOUND");
    }

    @Test
    void unknownRoutesAreProblemsWithARequestId() {
        var answer = api.get("/api/v1/audit/nothing-here");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.code()).isEqualTo("NOT_FOUND");
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void everySuccessCarriesAGeneratedRequestId() {
        var answer = api.get("/api/v1/audit/events?limit=1");
        var next = api.get("/api/v1/audit/events?limit=1");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("X-Request-Id")).matches(UUID_TEXT);
        assertThat(next.header("X-Request-Id")).matches(UUID_TEXT).isNotEqualTo(answer.header("X-Request-Id"));
    }

    @Test
    void anItemHasTheContractShape() {
        var answer = api.get("/api/v1/audit/events?transferId=" + t1);
        var item = answer.json().get("items").get(0);
        List<String> fields = new ArrayList<>();
        item.fieldNames().forEachRemaining(fields::add);

        assertThat(fields).containsExactly("eventId", "type", "aggregateId", "sequence", "occurredAt", "requestId",
                "source", "tenantId", "actor", "receivedAt", "data");
        assertThat(item.get("occurredAt").asText()).isEqualTo(at(300).toString());
        assertThat(item.get("tenantId").asText()).as("published without a tenant").isEqualTo("default");
        assertThat(item.get("actor").isNull()).isTrue();
        assertThat(Instant.parse(item.get("receivedAt").asText())).isBefore(Instant.now().plusSeconds(1));
    }
}
