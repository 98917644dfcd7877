package dev.polyledger.ledger.adapter.in.web;

import static dev.polyledger.platform.http.OpenApiRefs.*;

import dev.polyledger.ledger.application.port.in.BalanceQueries;
import dev.polyledger.ledger.application.port.in.LedgerQueries;
import dev.polyledger.ledger.application.view.Views;
import dev.polyledger.ledger.domain.ValidationException;
import dev.polyledger.platform.http.auth.RequiredScope;
import dev.polyledger.platform.http.auth.Scope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * {@code GET /api/v1/accounts/{id}/balance?asOf=…} (api-contract.md, "Point-in-time balances"): the posted balance
 * after the last entry at or before {@code asOf}; without {@code asOf}, the account now with its held and available
 * amounts, from one read of its row.
 */
@Controller("/api/v1/accounts")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Accounts")
@ApiResponse(responseCode = "401", ref = UNAUTHENTICATED)
@ApiResponse(responseCode = "403", ref = INSUFFICIENT_SCOPE)
@ApiResponse(responseCode = "429", ref = RATE_LIMITED)
@ApiResponse(responseCode = "503", ref = UNAVAILABLE)
class BalanceController {
    private final BalanceQueries balances;
    private final LedgerQueries queries;
    private final JsonBodies bodies;
    private final Clock clock;

    BalanceController(BalanceQueries balances, LedgerQueries queries, JsonBodies bodies, Clock clock) {
        this.balances = balances;
        this.queries = queries;
        this.bodies = bodies;
        this.clock = clock;
    }

    @Operation(operationId = "getBalance", summary = "The account's balance now, or as of an RFC 3339 instant (asOf)")
    @ApiResponse(responseCode = "200", description = "The balance; heldAmount and availableBalance null with asOf",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = BalanceView.class)))
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
    @ApiResponse(responseCode = "404", ref = ACCOUNT_NOT_FOUND)
    @Get(value = "/{id}/balance", produces = MediaType.APPLICATION_JSON)
    @RequiredScope(Scope.LEDGER_READ)
    HttpResponse<String> balance(HttpRequest<?> request, @PathVariable String id, @Nullable @QueryValue String asOf) {
        var account = Ids.accountInPath(id);
        var tenant = Callers.tenant(request);
        if (asOf == null) {
            var now = clock.instant();
            return queries.account(tenant, account)
                    .map(a -> HttpResponse.ok(bodies.write(new BalanceView(a.id().toString(), Views.time(now),
                            a.balance().toDecimalString(), a.version(), a.heldAmount().toDecimalString(),
                            a.availableBalance().toDecimalString()))))
                    .orElseThrow(() -> ErrorCode.ACCOUNT_NOT_FOUND.exception("account " + id + " does not exist"));
        }
        java.time.Instant instant;
        try {
            instant = OffsetDateTime.parse(asOf).toInstant();
        } catch (DateTimeParseException e) {
            throw new ValidationException("asOf", "asOf must be an RFC 3339 instant, like 2026-12-01T10:00:00Z");
        }
        return balances.asOf(tenant, account, instant)
                .map(b -> HttpResponse.ok(bodies.write(new BalanceView(b.accountId().toString(), Views.time(b.asOf()),
                        b.balance().toDecimalString(), b.version(), null, null))))
                .orElseThrow(() -> ErrorCode.ACCOUNT_NOT_FOUND.exception("account " + id + " does not exist"));
    }

    /** {@code heldAmount} and {@code availableBalance} only for now (null for a past instant). */
    @Serdeable
    record BalanceView(String accountId, String asOf, String balance, long version, @Nullable String heldAmount,
                       @Nullable String availableBalance) {
    }
}
