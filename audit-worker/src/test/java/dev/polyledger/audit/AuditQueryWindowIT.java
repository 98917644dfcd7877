package dev.polyledger.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polyledger.audit.testing.AuditClient;
import dev.polyledger.audit.testing.AuditTestEnvironment;
import dev.polyledger.audit.testing.TestBroker;
import dev.polyledger.platform.testing.Events;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 14: {@code GET /api/v1/audit/events} without {@code from}, {@code accountId} and {@code transferId} covers
 * only the default window (24 h) ending at {@code to}, or now; with {@code from}, or for an account, the older
 * history is still there. (That one such query cannot exhaust the store's memory is dev-mongo's
 * {@code SortedPageMemoryTest}.) The events are placed at a random hour of the past, so that other suites' events
 * sharing the database do not fall in the same windows.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditQueryWindowIT implements TestPropertyProvider {
    private static final Duration WITHIN = Duration.ofSeconds(20);
    private final Instant end = Instant.parse("2002-01-01T00:00:00Z")
            .plusSeconds(3_600L * ThreadLocalRandom.current().nextInt(200_000));
    private final UUID account = UUID.randomUUID();
    private final UUID recent = UUID.randomUUID(), old = UUID.randomUUID(), now = UUID.randomUUID();

    @Inject
    EmbeddedServer server;
    AuditClient api;

    @Override
    public Map<String, String> getProperties() {
        return AuditTestEnvironment.properties();
    }

    @BeforeAll
    void publish() throws Exception {
        api = new AuditClient(server.getURL().toString());
        try (TestBroker broker = new TestBroker()) {
            broker.publish("transfer.posted", recent.toString(), Events.transferPosted(recent, UUID.randomUUID(),
                    account, UUID.randomUUID(), end.minus(Duration.ofHours(1))));
            broker.publish("transfer.posted", old.toString(), Events.transferPosted(old, UUID.randomUUID(),
                    account, UUID.randomUUID(), end.minus(Duration.ofHours(30))));
            broker.publish("transfer.posted", now.toString(), Events.transferPosted(now, UUID.randomUUID(),
                    UUID.randomUUID(), UUID.randomUUID(), Instant.now().minusSeconds(60)));
        }
        var both = api.awaitGet("/api/v1/audit/events?accountId=" + account,
                a -> a.status() == 200 && a.json().get("items").size() == 2, WITHIN);
        assertThat(both.json().get("items").size()).as(both.toString()).isEqualTo(2);
    }

    @Test
    void withoutFromTheQueryCoversTheDayBeforeTo() {
        var answer = api.get("/api/v1/audit/events?limit=500&to=" + end);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(eventIds(answer.json())).contains(recent.toString()).doesNotContain(old.toString());
        for (JsonNode item : answer.json().get("items")) {
            assertThat(Instant.parse(item.get("occurredAt").asText())).as("inside [to - 24h, to)")
                    .isAfterOrEqualTo(end.minus(Duration.ofHours(24))).isBefore(end);
        }
    }

    @Test
    void withFromTheOlderHistoryIsThere() {
        var answer = api.get("/api/v1/audit/events?limit=500&to=" + end + "&from=" + end.minus(Duration.ofDays(2)));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(eventIds(answer.json())).containsSubsequence(recent.toString(), old.toString());
    }

    @Test
    void anAccountsHistoryIsSearchedInFullWithoutFrom() {
        var answer = api.get("/api/v1/audit/events?accountId=" + account);

        assertThat(eventIds(answer.json())).containsExactly(recent.toString(), old.toString());
    }

    @Test
    void theUnfilteredQueryCoversTheLastDay() {
        var answer = api.awaitGet("/api/v1/audit/events?limit=100",
                a -> a.status() == 200 && eventIds(a.json()).contains(now.toString()), WITHIN);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(eventIds(answer.json())).contains(now.toString()).doesNotContain(recent.toString(), old.toString());
        for (JsonNode item : answer.json().get("items")) {
            assertThat(Instant.parse(item.get("occurredAt").asText())).as("inside the last 24 h")
                    .isAfter(Instant.now().minus(Duration.ofHours(24)).minusSeconds(60));
        }
    }

    private static List<String> eventIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("eventId").asText()));
        return ids;
    }
}
