package dev.polyledger.audit.adapter.out.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.audit.domain.AuditSnapshot;
import dev.polyledger.events.EventType;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The document shape of a snapshot, without a server. */
class SnapshotDocumentsTest {
    private static final Instant OCCURRED = Instant.parse("2026-11-21T19:55:37.080559Z");
    private static final Instant RECEIVED = Instant.parse("2026-11-21T19:55:38.5Z");

    private static AuditSnapshot transfer(UUID eventId, UUID transfer, UUID alice, UUID bob) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", transfer.toString());
        data.put("amount", "25.00");
        data.put("metadata", Map.of("k", "v"));
        data.put("entries", List.of(Map.of("accountId", alice.toString(), "balanceAfter", "75.50")));
        data.put("big", new BigInteger("123456789012345678901234567890"));
        data.put("reference", null);
        return new AuditSnapshot(eventId, EventType.TRANSFER_POSTED, transfer, 1, OCCURRED, "req-1", "api-node-2",
                "acme", "key_1", RECEIVED, data, List.of(alice, bob), transfer);
    }

    @Test
    void storesIdsAsStringsTimesAsDatesAndTheQueryKeys() {
        UUID eventId = UUID.randomUUID(), transfer = UUID.randomUUID(), alice = UUID.randomUUID(), bob = UUID.randomUUID();

        Document doc = SnapshotDocuments.toDocument(transfer(eventId, transfer, alice, bob));

        assertThat(doc.get("_id")).isEqualTo(eventId.toString());
        assertThat(doc.get("type")).isEqualTo("transfer.posted");
        assertThat(doc.get("sequence")).isEqualTo(1L);
        assertThat(doc.get("occurredAt")).isEqualTo(Date.from(OCCURRED));
        assertThat(doc.get("occurredAtExact")).isEqualTo("2026-11-21T19:55:37.080559Z");
        assertThat(doc.get("receivedAt")).isEqualTo(Date.from(RECEIVED));
        assertThat(doc.get("accountIds")).isEqualTo(List.of(alice.toString(), bob.toString()));
        assertThat(doc.get("transferId")).isEqualTo(transfer.toString());
        assertThat(doc.get("tenantId")).isEqualTo("acme");
        assertThat(doc.get("actor")).isEqualTo("key_1");
        assertThat(doc.get("data")).isInstanceOf(Document.class);
        assertThat(doc.get("data", Document.class).get("metadata")).isInstanceOf(Document.class);
        assertThat(doc.get("data", Document.class).get("big")).isEqualTo("123456789012345678901234567890");
    }

    @Test
    void accountEventsHaveNoTransferId() {
        UUID account = UUID.randomUUID();
        var snapshot = new AuditSnapshot(UUID.randomUUID(), EventType.ACCOUNT_CREATED, account, 1, OCCURRED, null, null,
                "default", null, RECEIVED, Map.of("id", account.toString()), List.of(account), null);

        assertThat(SnapshotDocuments.toDocument(snapshot).containsKey("transferId")).isFalse();
    }

    @Test
    void readsBackTheSameSnapshot() {
        UUID eventId = UUID.randomUUID(), transfer = UUID.randomUUID(), alice = UUID.randomUUID(), bob = UUID.randomUUID();
        var snapshot = transfer(eventId, transfer, alice, bob);

        var back = SnapshotDocuments.fromDocument(SnapshotDocuments.toDocument(snapshot));

        assertThat(back.eventId()).isEqualTo(eventId);
        assertThat(back.occurredAt()).isEqualTo(OCCURRED);
        assertThat(back.receivedAt()).isEqualTo(RECEIVED);
        assertThat(back.accountIds()).containsExactly(alice, bob);
        assertThat(back.transferId()).isEqualTo(transfer);
        assertThat(back.tenantId()).isEqualTo("acme");
        assertThat(back.actor()).isEqualTo("key_1");
        assertThat(back.data().get("metadata")).isEqualTo(Map.of("k", "v"));
        assertThat(back.data().get("entries")).isEqualTo(List.of(Map.of("accountId", alice.toString(), "balanceAfter", "75.50")));
        assertThat(back.data()).containsEntry("reference", null);
    }

    @Test
    void aDocumentWrittenBeforeTenantsBelongsToTheDefaultTenant() {
        UUID eventId = UUID.randomUUID(), transfer = UUID.randomUUID(), alice = UUID.randomUUID(), bob = UUID.randomUUID();
        Document legacy = SnapshotDocuments.toDocument(transfer(eventId, transfer, alice, bob));
        legacy.remove("tenantId");
        legacy.remove("actor");

        var back = SnapshotDocuments.fromDocument(legacy);

        assertThat(back.tenantId()).isEqualTo("default");
        assertThat(back.actor()).isNull();
    }
}
