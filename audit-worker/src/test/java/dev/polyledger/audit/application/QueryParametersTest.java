package dev.polyledger.audit.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyledger.audit.application.port.in.AuditEventQuery;
import dev.polyledger.audit.application.port.in.InvalidQueryException;
import dev.polyledger.audit.application.port.in.PageCursor;
import dev.polyledger.events.EventType;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The audit query as the HTTP parameters give it, and the opaque cursor. */
class QueryParametersTest {

    private static AuditEventQuery parse(String accountId, String transferId, String type, String from, String to,
                                         String limit, String cursor) {
        return AuditEventQuery.fromParameters("acme", accountId, transferId, type, from, to, limit, cursor);
    }

    private static void assertRefused(String field, Runnable parse) {
        assertThatThrownBy(parse::run).isInstanceOf(InvalidQueryException.class)
                .satisfies(e -> assertThat(((InvalidQueryException) e).field()).isEqualTo(field));
    }

    @Test
    void noParametersMeansEverythingNewestFirstInPagesOfFifty() {
        var query = parse(null, null, null, null, null, null, null);

        assertThat(query).isEqualTo(new AuditEventQuery("acme", null, null, null, null, null, 50, null));
    }

    @Test
    void emptyParametersAreAbsent() {
        assertThat(parse("", "", "", "", "", "", "")).isEqualTo(parse(null, null, null, null, null, null, null));
    }

    @Test
    void readsEveryCriterion() {
        UUID account = UUID.randomUUID(), transfer = UUID.randomUUID();
        var cursor = new PageCursor(Instant.parse("2026-11-21T19:55:37.080Z"), UUID.randomUUID());

        var query = parse(account.toString(), transfer.toString(), "transfer.posted", "2026-11-21T00:00:00Z",
                "2026-11-22T01:00:00+01:00", "500", cursor.encode());

        assertThat(query).isEqualTo(new AuditEventQuery("acme", account, transfer, EventType.TRANSFER_POSTED,
                Instant.parse("2026-11-21T00:00:00Z"), Instant.parse("2026-11-22T00:00:00Z"), 500, cursor));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "501", "-1", "ten", "1.5", "99999999999"})
    void refusesALimitOutsideOneToFiveHundred(String limit) {
        assertRefused("limit", () -> parse(null, null, null, null, null, limit, null));
    }

    @Test
    void acceptsTheLimitBounds() {
        assertThat(parse(null, null, null, null, null, "1", null).limit()).isEqualTo(1);
        assertThat(parse(null, null, null, null, null, "500", null).limit()).isEqualTo(500);
    }

    @ParameterizedTest
    @ValueSource(strings = {"acc_1", "0193", "not-a-uuid-but-36-characters-long-xx", "1-1-1-1-1"})
    void refusesIdsThatAreNotUuids(String id) {
        assertRefused("accountId", () -> parse(id, null, null, null, null, null, null));
        assertRefused("transferId", () -> parse(null, id, null, null, null, null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"transfer", "TRANSFER.POSTED", "account.*", "entry.created"})
    void refusesAnUnknownType(String type) {
        assertRefused("type", () -> parse(null, null, type, null, null, null, null));
    }

    @ParameterizedTest
    @CsvSource({"from,2026-11-21", "from,yesterday", "to,2026-11-21 10:00:00Z", "to,1732200000"})
    void refusesTimesThatAreNotInstants(String field, String value) {
        assertRefused(field, () -> parse(null, null, null, "from".equals(field) ? value : null,
                "to".equals(field) ? value : null, null, null));
    }

    @Test
    void refusesAnEmptyOrInvertedInterval() {
        assertRefused("to", () -> parse(null, null, null, "2026-11-21T10:00:00Z", "2026-11-21T10:00:00Z", null, null));
        assertRefused("to", () -> parse(null, null, null, "2026-11-21T10:00:01Z", "2026-11-21T10:00:00Z", null, null));
    }

    @Test
    void cursorRoundTripsAtMillisecondPrecision() {
        UUID id = UUID.randomUUID();
        var cursor = new PageCursor(Instant.parse("2026-11-21T19:55:37.080559Z"), id);

        var decoded = PageCursor.decode(cursor.encode());

        assertThat(decoded).isEqualTo(new PageCursor(Instant.parse("2026-11-21T19:55:37.080Z"), id));
        assertThat(cursor.encode()).matches("[A-Za-z0-9_-]+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "!!!", "MjAyNi0xMS0yMVQxOTo1NTozNy4wODBa", "bm90LWEtY3Vyc29y"})
    void refusesACursorItDidNotIssue(String text) {
        assertRefused("cursor", () -> PageCursor.decode(text));
        assertRefused("cursor", () -> parse(null, null, null, null, null, null, text));
    }

    @Test
    void refusesAnOverlongCursor() {
        assertRefused("cursor", () -> PageCursor.decode("A".repeat(201)));
    }
}
