package dev.polyledger.audit.adapter.in.rabbitmq;

import dev.polyledger.platform.testing.TenantEvents;
import dev.polyledger.platform.testing.Events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyledger.audit.domain.AuditSnapshot;
import dev.polyledger.audit.domain.MalformedEventException;
import dev.polyledger.events.EnvelopeReader;
import dev.polyledger.events.EventEnvelope;
import dev.polyledger.events.EventType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** From the bytes of a message to the audit snapshot: {@link EnvelopeReader} then {@link AuditSnapshot#of}. */
class EnvelopeToSnapshotTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-21T19:55:38.000Z");
    private static final Instant OCCURRED = Instant.parse("2026-11-21T19:55:37.080559Z");
    private final EnvelopeReader reader = new EnvelopeReader();

    private EnvelopeReader.Result read(String json) {
        return reader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    private EventEnvelope<Map<String, Object>> envelope(String json) {
        var result = read(json);
        assertThat(result).isInstanceOf(EnvelopeReader.Envelope.class);
        return ((EnvelopeReader.Envelope) result).event();
    }

    private String reasonOf(String json) {
        var result = read(json);
        assertThat(result).isInstanceOf(EnvelopeReader.Malformed.class);
        return ((EnvelopeReader.Malformed) result).reason();
    }

    @Test
    void transferPostedBecomesASnapshotKeyedByBothAccountsAndTheTransfer() {
        UUID eventId = UUID.randomUUID(), transfer = UUID.randomUUID(), alice = UUID.randomUUID(), bob = UUID.randomUUID();

        var snapshot = AuditSnapshot.of(envelope(Events.transferPosted(eventId, transfer, alice, bob, OCCURRED)), RECEIVED);

        assertThat(snapshot.eventId()).isEqualTo(eventId);
        assertThat(snapshot.type()).isEqualTo(EventType.TRANSFER_POSTED);
        assertThat(snapshot.aggregateId()).isEqualTo(transfer);
        assertThat(snapshot.sequence()).isEqualTo(1);
        assertThat(snapshot.occurredAt()).isEqualTo(OCCURRED);
        assertThat(snapshot.requestId()).isEqualTo("req-" + eventId);
        assertThat(snapshot.source()).isEqualTo("api-node-2");
        assertThat(snapshot.receivedAt()).isEqualTo(RECEIVED);
        assertThat(snapshot.accountIds()).containsExactly(alice, bob);
        assertThat(snapshot.transferId()).isEqualTo(transfer);
        assertThat(snapshot.data()).containsEntry("amount", "25.00").containsEntry("sourceAccountId", alice.toString());
        @SuppressWarnings("unchecked")
        var entries = (List<Map<String, Object>>) snapshot.data().get("entries");
        assertThat(entries).extracting(e -> e.get("balanceAfter")).containsExactly("75.50", "25.00");
    }

    @Test
    void aHoldEventBelongsToTheTrailsOfBothItsAccountsAndNamesNoTransfer() {
        UUID eventId = UUID.randomUUID(), hold = UUID.randomUUID(), card = UUID.randomUUID(), shop = UUID.randomUUID();
        String json = """
                {"eventId":"%s","type":"hold.voided","occurredAt":"%s","aggregateId":"%s","sequence":3,
                 "requestId":"req-1","source":"api-node-1",
                 "data":{"id":"%s","status":"VOIDED","amount":"60.00","postedAmount":"45.00","remainingAmount":"0.00",
                   "currency":"USD","sourceAccountId":"%s","destinationAccountId":"%s","transfers":[],"version":3}}
                """.formatted(eventId, OCCURRED, hold, hold, card, shop);

        var snapshot = AuditSnapshot.of(envelope(json), RECEIVED);

        assertThat(snapshot.type()).isEqualTo(EventType.HOLD_VOIDED);
        assertThat(snapshot.aggregateId()).isEqualTo(hold);
        assertThat(snapshot.accountIds()).containsExactly(card, shop);
        assertThat(snapshot.transferId()).isNull();
    }

    @Test
    void keepsTheTenantAndTheActorOfTheEnvelope() {
        UUID eventId = UUID.randomUUID();
        String json = TenantEvents.of("acme", "key_7", Events.transferPosted(eventId, UUID.randomUUID(),
                UUID.randomUUID(), UUID.randomUUID(), OCCURRED));

        var snapshot = AuditSnapshot.of(envelope(json), RECEIVED);

        assertThat(snapshot.tenantId()).isEqualTo("acme");
        assertThat(snapshot.actor()).isEqualTo("key_7");
    }

    @Test
    void anEnvelopeWithoutTenantBelongsToTheDefaultTenantAndHasNoActor() {
        var snapshot = AuditSnapshot.of(envelope(Events.transferPosted(UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), UUID.randomUUID(), OCCURRED)), RECEIVED);

        assertThat(snapshot.tenantId()).isEqualTo(EventEnvelope.DEFAULT_TENANT);
        assertThat(snapshot.actor()).isNull();
    }

    @Test
    void refusesATenantThatIsBlankOrNotAString() {
        String base = Events.accountEvent("account.created", UUID.randomUUID(), UUID.randomUUID(), 1, "ACTIVE", OCCURRED);

        assertThat(reasonOf(base.replaceFirst("\\{", "{\"tenantId\":\" \",")))
                .isEqualTo("tenantId must be a non-empty string");
        assertThat(reasonOf(base.replaceFirst("\\{", "{\"tenantId\":7,")))
                .isEqualTo("tenantId must be a non-empty string");
        assertThat(reasonOf(base.replaceFirst("\\{", "{\"actor\":7,"))).isEqualTo("actor must be a string");
    }

    @Test
    void accountEventBecomesASnapshotKeyedByTheAccountWithoutTransfer() {
        UUID eventId = UUID.randomUUID(), account = UUID.randomUUID();

        var snapshot = AuditSnapshot.of(
                envelope(Events.accountEvent("account.frozen", eventId, account, 3, "FROZEN", OCCURRED)), RECEIVED);

        assertThat(snapshot.type()).isEqualTo(EventType.ACCOUNT_FROZEN);
        assertThat(snapshot.sequence()).isEqualTo(3);
        assertThat(snapshot.accountIds()).containsExactly(account);
        assertThat(snapshot.transferId()).isNull();
        assertThat(snapshot.data()).containsEntry("status", "FROZEN").containsEntry("version", 2);
    }

    @Test
    void requestIdAndSourceMayBeAbsent() {
        var json = """
                {"eventId":"%s","type":"account.created","occurredAt":"2026-11-21T19:55:37Z","aggregateId":"%s",
                 "sequence":1,"data":{},"someFutureField":true}""".formatted(UUID.randomUUID(), UUID.randomUUID());

        var snapshot = AuditSnapshot.of(envelope(json), RECEIVED);

        assertThat(snapshot.requestId()).isNull();
        assertThat(snapshot.source()).isNull();
    }

    @Test
    void aTransferWithTheSameAccountOnBothSidesListsItOnce() {
        UUID account = UUID.randomUUID();
        var snapshot = AuditSnapshot.of(envelope(Events.transferPosted(UUID.randomUUID(), UUID.randomUUID(), account,
                account, OCCURRED)), RECEIVED);

        assertThat(snapshot.accountIds()).containsExactly(account);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not json                         | not json                                          | not a JSON object",
            "a JSON array                     | []                                                | not a JSON object",
            "JSON null                        | null                                              | not a JSON object",
            "trailing garbage                 | {}x                                               | not a JSON object",
            "no eventId                       | {\"type\":\"account.created\"}                     | eventId is missing",
    })
    void refusesWhatIsNotAnEnvelope(String name, String body, String reason) {
        assertThat(reasonOf(body)).startsWith(reason);
    }

    @Test
    void refusesAnEmptyBody() {
        assertThat(reader.read(new byte[0])).isEqualTo(new EnvelopeReader.Malformed("empty body"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "eventId       | \"eventId\":\"e1\"                     | eventId must be a UUID",
            "type          | \"type\":\"\"                          | type must be a non-empty string",
            "occurredAt    | \"occurredAt\":\"yesterday\"           | occurredAt must be an ISO-8601 instant",
            "aggregateId   | \"aggregateId\":42                     | aggregateId must be a non-empty string",
            "sequence      | \"sequence\":0                         | sequence must be an integer >= 1",
            "sequence      | \"sequence\":\"1\"                     | sequence must be an integer >= 1",
            "requestId     | \"requestId\":7                        | requestId must be a string",
            "data          | \"data\":[]                            | data must be a JSON object",
    })
    void refusesAnEnvelopeWithABadField(String field, String override, String reason) {
        String json = "{" + override + base(field) + "}";
        assertThat(reasonOf(json)).startsWith(reason);
    }

    @ParameterizedTest
    @CsvSource({"eventId", "type", "occurredAt", "aggregateId", "sequence", "data"})
    void refusesAnEnvelopeWithoutARequiredField(String field) {
        String json = "{" + base(field).substring(1) + "}";
        assertThat(reasonOf(json)).isEqualTo(field + " is missing");
    }

    @Test
    void refusesDuplicateKeys() {
        String json = "{\"eventId\":\"" + UUID.randomUUID() + "\"" + base("") + "}";
        assertThat(reasonOf(json)).startsWith("not a JSON object").contains("Duplicate field 'eventId'");
    }

    @Test
    void refusesAnUnknownEventType() {
        var event = envelope(Events.accountEvent("account.renamed", UUID.randomUUID(), UUID.randomUUID(), 2, "ACTIVE",
                OCCURRED));
        assertThatThrownBy(() -> AuditSnapshot.of(event, RECEIVED))
                .isInstanceOf(MalformedEventException.class).hasMessage("unknown event type 'account.renamed'");
    }

    @Test
    void refusesDataOfAnotherAggregate() {
        UUID account = UUID.randomUUID();
        String json = Events.accountEvent("account.created", UUID.randomUUID(), account, 1, "ACTIVE", OCCURRED)
                .replace("\"id\":\"" + account, "\"id\":\"" + UUID.randomUUID());
        var event = envelope(json);
        assertThatThrownBy(() -> AuditSnapshot.of(event, RECEIVED))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("is not the aggregateId");
    }

    @Test
    void refusesATransferWithoutItsAccounts() {
        UUID source = UUID.randomUUID();
        String json = Events.transferPosted(UUID.randomUUID(), UUID.randomUUID(), source, UUID.randomUUID(), OCCURRED)
                .replace("\"sourceAccountId\":\"" + source + "\"", "\"sourceAccountId\":null");
        var event = envelope(json);
        assertThatThrownBy(() -> AuditSnapshot.of(event, RECEIVED))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("data.sourceAccountId must be an account id (a UUID), was null");
    }

    /** The fields of a valid envelope except {@code left}, each preceded by a comma. */
    private static String base(String left) {
        var fields = new java.util.LinkedHashMap<String, String>();
        fields.put("eventId", "\"" + UUID.randomUUID() + "\"");
        fields.put("type", "\"account.created\"");
        fields.put("occurredAt", "\"2026-11-21T19:55:37Z\"");
        fields.put("aggregateId", "\"" + UUID.randomUUID() + "\"");
        fields.put("sequence", "1");
        fields.put("data", "{}");
        fields.remove(left);
        var out = new StringBuilder();
        fields.forEach((k, v) -> out.append(",\"").append(k).append("\":").append(v));
        return out.toString();
    }
}
