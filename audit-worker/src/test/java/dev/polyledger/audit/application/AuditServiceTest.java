package dev.polyledger.audit.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.audit.application.port.in.AuditEventQuery;
import dev.polyledger.audit.application.port.in.AuditPage;
import dev.polyledger.audit.application.port.in.RecordOutcome;
import dev.polyledger.audit.application.port.out.AddResult;
import dev.polyledger.audit.application.port.out.AuditStoreUnavailableException;
import dev.polyledger.audit.application.service.AuditService;
import dev.polyledger.audit.domain.AuditSnapshot;
import dev.polyledger.events.EventEnvelope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Recording and querying snapshots, with an in-memory store and a fixed clock. */
class AuditServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-21T20:00:00.123456Z");
    private final InMemoryAuditRecords records = new InMemoryAuditRecords();
    private final AuditService service = new AuditService(records, Clock.fixed(NOW, ZoneOffset.UTC));

    private static EventEnvelope<Map<String, Object>> accountCreated(UUID eventId, UUID account, Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", account.toString());
        data.put("status", "ACTIVE");
        return new EventEnvelope<>(eventId, "account.created", at, account, 1, "req-1", "api-node-1", "default", "key_1",
                data);
    }

    private RecordOutcome record(EventEnvelope<Map<String, Object>> event) {
        return service.recordAll(List.of(event)).get(0);
    }

    @Test
    void storesTheSnapshotWithTheTimeOfReceipt() {
        UUID eventId = UUID.randomUUID();

        var outcome = record(accountCreated(eventId, UUID.randomUUID(), NOW.minusSeconds(1)));

        assertThat(outcome).isEqualTo(new RecordOutcome.Stored(eventId));
        assertThat(records.byEventId.get(eventId).receivedAt()).isEqualTo(NOW);
    }

    @Test
    void aRedeliveredEventIsAlreadyStoredAndKeepsItsFirstSnapshot() {
        UUID eventId = UUID.randomUUID(), account = UUID.randomUUID();
        record(accountCreated(eventId, account, NOW.minusSeconds(2)));
        AuditSnapshot first = records.byEventId.get(eventId);

        var again = record(accountCreated(eventId, account, NOW.minusSeconds(2)));

        assertThat(again).isEqualTo(new RecordOutcome.AlreadyStored(eventId));
        assertThat(records.byEventId).hasSize(1);
        assertThat(records.byEventId.get(eventId)).isSameAs(first);
    }

    @Test
    void rejectsAnEventOfAnUnknownType() {
        var event = new EventEnvelope<Map<String, Object>>(UUID.randomUUID(), "account.renamed", NOW, UUID.randomUUID(),
                1, null, null, "default", null, Map.of());

        assertThat(record(event)).isEqualTo(new RecordOutcome.Rejected("unknown event type 'account.renamed'"));
        assertThat(records.byEventId).isEmpty();
    }

    @Test
    void rejectsWhatTheStoreRefusesForItsContent() {
        var refusing = new AuditService(new InMemoryAuditRecords() {
            @Override
            public List<AddResult> addAll(List<AuditSnapshot> snapshots) {
                return List.of(new AddResult.Refused("document too large"));
            }
        }, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(refusing.recordAll(List.of(accountCreated(UUID.randomUUID(), UUID.randomUUID(), NOW))))
                .containsExactly(new RecordOutcome.Rejected("document too large"));
    }

    @Test
    void aBatchGivesEachEventItsOwnOutcomeInOrder() {
        UUID first = UUID.randomUUID(), stored = UUID.randomUUID(), fresh = UUID.randomUUID();
        record(accountCreated(stored, UUID.randomUUID(), NOW));
        var unknownType = new EventEnvelope<Map<String, Object>>(UUID.randomUUID(), "account.renamed", NOW,
                UUID.randomUUID(), 1, null, null, "default", null, Map.of());

        var outcomes = service.recordAll(List.of(accountCreated(first, UUID.randomUUID(), NOW), unknownType,
                accountCreated(stored, UUID.randomUUID(), NOW), accountCreated(fresh, UUID.randomUUID(), NOW)));

        assertThat(outcomes).containsExactly(new RecordOutcome.Stored(first),
                new RecordOutcome.Rejected("unknown event type 'account.renamed'"),
                new RecordOutcome.AlreadyStored(stored), new RecordOutcome.Stored(fresh));
        assertThat(records.byEventId).containsOnlyKeys(first, stored, fresh);
    }

    @Test
    void theSameEventTwiceInOneBatchIsStoredOnce() {
        UUID eventId = UUID.randomUUID(), account = UUID.randomUUID();

        var outcomes = service.recordAll(List.of(accountCreated(eventId, account, NOW),
                accountCreated(eventId, account, NOW)));

        assertThat(outcomes).containsExactly(new RecordOutcome.Stored(eventId), new RecordOutcome.AlreadyStored(eventId));
        assertThat(records.byEventId).hasSize(1);
    }

    @Test
    void aBatchOfOnlyMalformedEventsDoesNotReachTheStore() {
        var untouchable = new AuditService(new InMemoryAuditRecords() {
            @Override
            public List<AddResult> addAll(List<AuditSnapshot> snapshots) {
                throw new AuditStoreUnavailableException("must not be called", null);
            }
        }, Clock.fixed(NOW, ZoneOffset.UTC));
        var noData = new EventEnvelope<Map<String, Object>>(UUID.randomUUID(), "account.created", NOW,
                UUID.randomUUID(), 1, null, null, "default", null, null);

        assertThat(untouchable.recordAll(List.of(noData))).containsExactly(new RecordOutcome.Rejected("data is missing"));
    }

    @Test
    void pagesDoNotOverlapAndEndWithoutCursor() {
        UUID account = UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            // two events per millisecond: the event id breaks the tie
            record(accountCreated(UUID.randomUUID(), account, NOW.minusMillis(i / 2)));
        }
        List<UUID> seen = new ArrayList<>();
        AuditPage page = service.search(new AuditEventQuery("default", account, null, null, null, null, 2, null));
        int pages = 1;
        while (true) {
            page.items().forEach(s -> seen.add(s.eventId()));
            if (page.next() == null) {
                break;
            }
            page = service.search(new AuditEventQuery("default", account, null, null, null, null, 2, page.next()));
            pages++;
        }

        assertThat(pages).isEqualTo(3);
        assertThat(seen).doesNotHaveDuplicates().hasSize(5);
        var expected = records.find(new AuditEventQuery("default", account, null, null, null, null, 500, null), 500).stream()
                .map(AuditSnapshot::eventId).toList();
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void aFullLastPageHasNoCursor() {
        UUID account = UUID.randomUUID();
        record(accountCreated(UUID.randomUUID(), account, NOW));
        record(accountCreated(UUID.randomUUID(), account, NOW));

        var page = service.search(new AuditEventQuery("default", account, null, null, null, null, 2, null));

        assertThat(page.items()).hasSize(2);
        assertThat(page.next()).isNull();
    }

    @Test
    void findsTheTransferOnlyOnceRecorded() {
        UUID transfer = UUID.randomUUID();
        assertThat(service.transfer("default", transfer)).isEmpty();
        Map<String, Object> data = Map.of("id", transfer.toString(), "sourceAccountId", UUID.randomUUID().toString(),
                "destinationAccountId", UUID.randomUUID().toString());
        record(new EventEnvelope<>(UUID.randomUUID(), "transfer.posted", NOW, transfer, 1, "r", "n", "default", null, data));

        assertThat(service.transfer("default", transfer)).get().extracting(AuditSnapshot::transferId).isEqualTo(transfer);
    }

    @Test
    void aTransferOfAnotherTenantIsNotFound() {
        UUID transfer = UUID.randomUUID();
        Map<String, Object> data = Map.of("id", transfer.toString(), "sourceAccountId", UUID.randomUUID().toString(),
                "destinationAccountId", UUID.randomUUID().toString());
        record(new EventEnvelope<>(UUID.randomUUID(), "transfer.posted", NOW, transfer, 1, "r", "n", "acme", "key_a", data));

        assertThat(service.transfer("globex", transfer)).isEmpty();
        assertThat(service.transfer("acme", transfer)).get().extracting(AuditSnapshot::actor).isEqualTo("key_a");
    }

    @Test
    void aSearchSeesOnlyItsTenantsSnapshots() {
        UUID account = UUID.randomUUID();
        UUID ofAcme = UUID.randomUUID(), ofGlobex = UUID.randomUUID();
        record(withTenant(accountCreated(ofAcme, account, NOW), "acme"));
        record(withTenant(accountCreated(ofGlobex, account, NOW), "globex"));

        var page = service.search(new AuditEventQuery("acme", account, null, null, null, null, 50, null));

        assertThat(page.items()).extracting(AuditSnapshot::eventId).containsExactly(ofAcme);
    }

    private static EventEnvelope<Map<String, Object>> withTenant(EventEnvelope<Map<String, Object>> e, String tenant) {
        return new EventEnvelope<>(e.eventId(), e.type(), e.occurredAt(), e.aggregateId(), e.sequence(), e.requestId(),
                e.source(), tenant, e.actor(), e.data());
    }

    @Test
    void aSearchWithoutFromAccountOrTransferCoversOnlyTheDefaultWindowEndingNow() {
        UUID account = UUID.randomUUID(), recent = UUID.randomUUID(), old = UUID.randomUUID();
        record(accountCreated(recent, account, NOW.minus(Duration.ofHours(23))));
        record(accountCreated(old, UUID.randomUUID(), NOW.minus(Duration.ofHours(25))));

        var unfiltered = service.search(new AuditEventQuery("default", null, null, null, null, null, 50, null));
        var withFrom = service.search(new AuditEventQuery("default", null, null, null, NOW.minus(Duration.ofDays(2)),
                null, 50, null));

        assertThat(unfiltered.items()).extracting(AuditSnapshot::eventId).containsExactly(recent);
        assertThat(withFrom.items()).extracting(AuditSnapshot::eventId).containsExactly(recent, old);
    }

    @Test
    void theDefaultWindowEndsAtToWhenToIsGiven() {
        UUID inside = UUID.randomUUID(), before = UUID.randomUUID();
        Instant to = NOW.minus(Duration.ofDays(10));
        record(accountCreated(inside, UUID.randomUUID(), to.minus(Duration.ofHours(1))));
        record(accountCreated(before, UUID.randomUUID(), to.minus(Duration.ofHours(30))));

        var page = service.search(new AuditEventQuery("default", null, null, null, null, to, 50, null));

        assertThat(page.items()).extracting(AuditSnapshot::eventId).containsExactly(inside);
    }

    @Test
    void anAccountsOrATransfersHistoryIsSearchedInFullWithoutFrom() {
        UUID account = UUID.randomUUID(), old = UUID.randomUUID();
        record(accountCreated(old, account, NOW.minus(Duration.ofDays(400))));

        var page = service.search(new AuditEventQuery("default", account, null, null, null, null, 50, null));

        assertThat(page.items()).extracting(AuditSnapshot::eventId).containsExactly(old);
    }

    @Test
    void theDefaultWindowIsConfigurable() {
        var oneHour = new AuditService(records, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(1));
        UUID recent = UUID.randomUUID();
        record(accountCreated(recent, UUID.randomUUID(), NOW.minus(Duration.ofMinutes(30))));
        record(accountCreated(UUID.randomUUID(), UUID.randomUUID(), NOW.minus(Duration.ofMinutes(90))));

        var page = oneHour.search(new AuditEventQuery("default", null, null, null, null, null, 50, null));

        assertThat(page.items()).extracting(AuditSnapshot::eventId).containsExactly(recent);
    }
}
