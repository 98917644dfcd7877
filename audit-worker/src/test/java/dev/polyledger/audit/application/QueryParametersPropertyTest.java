package dev.polyledger.audit.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.audit.application.port.in.AuditEventQuery;
import dev.polyledger.audit.application.port.in.InvalidQueryException;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzed query parameters of {@code GET /api/v1/audit/events} (issue 14): whatever text arrives, the parameters are
 * a query or an {@link InvalidQueryException} naming one of them (400 VALIDATION_FAILED), never another exception
 * (a 500); and a query without {@code from}, {@code accountId} and {@code transferId} always gets a window no longer
 * than the default.
 */
class QueryParametersPropertyTest {

    @Property(tries = 2_000)
    void anyParametersAreAQueryOrAValidationErrorNamingOne(@ForAll("texts") String accountId,
                                                           @ForAll("texts") String transferId,
                                                           @ForAll("texts") String type, @ForAll("texts") String from,
                                                           @ForAll("texts") String to, @ForAll("texts") String limit,
                                                           @ForAll("texts") String cursor) {
        try {
            var query = AuditEventQuery.fromParameters("default", accountId, transferId, type, from, to, limit, cursor);
            assertThat(query.limit()).isBetween(AuditEventQuery.MIN_LIMIT, AuditEventQuery.MAX_LIMIT);
            Instant now = Instant.now();
            var windowed = query.withDefaultWindow(now, Duration.ofHours(24));
            if (query.from() == null && query.accountId() == null && query.transferId() == null) {
                Instant end = query.to() != null ? query.to() : now;
                assertThat(Duration.between(windowed.from(), end)).isLessThanOrEqualTo(Duration.ofHours(24));
            } else {
                assertThat(windowed).isEqualTo(query);
            }
        } catch (InvalidQueryException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @net.jqwik.api.Example
    void instantsTheStoreCannotHoldAreAValidationError() {
        for (String far : new String[] {"+1000000000-12-31T23:59:59.999999999Z", "-1000000000-01-01T00:00:00Z",
                "+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z"}) {
            for (String field : new String[] {"from", "to"}) {
                try {
                    AuditEventQuery.fromParameters("default", null, null, null, field.equals("from") ? far : null,
                            field.equals("to") ? far : null, null, null);
                    throw new AssertionError(field + "=" + far + " was accepted");
                } catch (InvalidQueryException e) {
                    assertThat(e.getMessage()).contains(field);
                }
            }
        }
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.just(null), Arbitraries.just(""),
                Arbitraries.strings().ofMaxLength(50),
                Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(25),
                Arbitraries.of("transfer.posted", "account.created", "1", "500", "501", "-1", "0",
                        "2026-11-21T19:55:37Z", "+1000000000-12-31T23:59:59.999999999Z",
                        "-1000000000-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "2026-11-21T19:55:37+02:00",
                        "00000000-0000-0000-0000-000000000000", "eyJ4IjoxfQ", "AAAA", "%%%", "\u0000"),
                Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=")
                        .ofMinLength(1).ofMaxLength(120));
    }
}
