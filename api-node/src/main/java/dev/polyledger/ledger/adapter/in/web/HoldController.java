package dev.polyledger.ledger.adapter.in.web;

import static dev.polyledger.platform.http.OpenApiRefs.*;

import dev.polyledger.ledger.application.port.in.HoldUseCase;
import dev.polyledger.ledger.application.port.in.Outcome;
import dev.polyledger.ledger.application.port.in.PostTransferCommand;
import dev.polyledger.ledger.application.view.HoldView;
import dev.polyledger.ledger.application.view.Views;
import dev.polyledger.ledger.domain.Hold;
import dev.polyledger.ledger.domain.Metadata;
import dev.polyledger.ledger.domain.RecordedAnswer;
import dev.polyledger.ledger.domain.ValidationException;
import dev.polyledger.platform.http.auth.RequiredScope;
import dev.polyledger.platform.http.auth.Scope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
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
import dev.polyledger.ledger.application.view.HoldView;
import dev.polyledger.ledger.application.view.TransferView;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * Holds (api-contract.md, "Holds: two-phase transfers"): {@code POST /api/v1/holds}, {@code GET /api/v1/holds/{id}},
 * {@code POST /api/v1/holds/{id}/post} and {@code /void}, {@code GET /api/v1/accounts/{id}/holds}. Every POST needs
 * an {@code Idempotency-Key}; its answer (done or refused) is recorded with the change.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Holds")
@ApiResponse(responseCode = "401", ref = UNAUTHENTICATED)
@ApiResponse(responseCode = "403", ref = INSUFFICIENT_SCOPE)
@ApiResponse(responseCode = "429", ref = RATE_LIMITED)
@ApiResponse(responseCode = "503", ref = UNAVAILABLE)
class HoldController {
    private final HoldUseCase useCase;
    private final IdempotentEndpoint idempotent;
    private final JsonBodies bodies;
    private final Clock clock;

    HoldController(HoldUseCase useCase, IdempotentEndpoint idempotent, JsonBodies bodies, Clock clock) {
        this.useCase = useCase;
        this.idempotent = idempotent;
        this.bodies = bodies;
        this.clock = clock;
    }

    /** 201 with the pending hold, or a recorded 404/422 refusal. */
    @Operation(operationId = "placeHold", summary = "Place a hold: reserve money on the source now, move it later")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, required = true, ref = IDEMPOTENCY_KEY)
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Requests.PlaceHold.class)))
    @ApiResponse(responseCode = "201", description = "The hold, PENDING",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = HoldView.class)))
    @ApiResponse(responseCode = "400", ref = BAD_IDEMPOTENT_REQUEST)
    @ApiResponse(responseCode = "404", ref = ACCOUNT_NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = IN_FLIGHT)
    @ApiResponse(responseCode = "422", ref = POSTING_REFUSED)
    @Post(value = "/holds", consumes = MediaType.ALL)
    @DoneStatus(201)
    @RequiredScope(Scope.LEDGER_WRITE)
    HttpResponse<String> place(HttpRequest<?> request, @Parameter(hidden = true) @Nullable @Body String body) {
        String key = idempotent.requireKey(request);
        var json = bodies.read(body, Requests.PlaceHold.class);
        var source = Ids.accountInBody("sourceAccountId", json.sourceAccountId());
        var destination = Ids.accountInBody("destinationAccountId", json.destinationAccountId());
        if (source == null) {
            throw new ValidationException("sourceAccountId", "sourceAccountId is required");
        }
        if (destination == null) {
            throw new ValidationException("destinationAccountId", "destinationAccountId is required");
        }
        if (json.currency() == null || json.currency().isBlank()) {
            throw new ValidationException("currency", "currency is required");
        }
        var command = new HoldUseCase.PlaceHold(source, destination, PostTransferCommand.parseAmount(json.amount()),
                json.currency(), json.reference(), Metadata.of(json.metadata()), instant("expiresAt", json.expiresAt()),
                Callers.context(request));
        return idempotent.execute(request, key, body, 201, new LinkedHashSet<>(List.of(source, destination)),
                () -> answer(useCase.place(command)));
    }

    /** 201 with the HOLD_POST transfer, or a recorded 404/422 refusal. */
    @Operation(operationId = "postHold", summary = "Capture (part of) a pending hold")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, required = true, ref = IDEMPOTENCY_KEY)
    @RequestBody(required = false, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Requests.PostHold.class)))
    @ApiResponse(responseCode = "201", description = "The transfer, kind HOLD_POST",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TransferView.class)))
    @ApiResponse(responseCode = "400", ref = BAD_IDEMPOTENT_REQUEST)
    @ApiResponse(responseCode = "404", ref = HOLD_NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = IN_FLIGHT)
    @ApiResponse(responseCode = "422", ref = HOLD_REFUSED)
    @Post(value = "/holds/{id}/post", consumes = MediaType.ALL)
    @DoneStatus(201)
    @RequiredScope(Scope.LEDGER_WRITE)
    HttpResponse<String> post(HttpRequest<?> request, @PathVariable String id, @Parameter(hidden = true) @Nullable @Body String body) {
        String key = idempotent.requireKey(request);
        UUID holdId = holdInPath(id);
        var json = body == null || body.isBlank() ? new Requests.PostHold(null, null, null, null)
                : bodies.read(body, Requests.PostHold.class);
        var command = new HoldUseCase.PostHold(holdId, json.amount() == null ? null : PostTransferCommand.parseAmount(json.amount()),
                json.finalCapture(), json.reference(), Metadata.of(json.metadata()), Callers.context(request));
        var accounts = new LinkedHashSet<>(useCase.accountsOf(holdId, command.context()));
        return idempotent.execute(request, key, body, 201, accounts, () -> {
            Outcome<HoldUseCase.Capture> outcome = useCase.post(command);
            if (outcome instanceof Outcome.Refused<HoldUseCase.Capture> refused) {
                return ProblemResponses.recorded(refused, bodies);
            }
            var capture = ((Outcome.Done<HoldUseCase.Capture>) outcome).value();
            return RecordedAnswer.done(bodies.write(Views.transfer(capture.transfer())));
        });
    }

    /** 200 with the voided hold, or a recorded 404/422 refusal. */
    @Operation(operationId = "voidHold", summary = "Void a pending hold: its remaining amount is released")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, required = true, ref = IDEMPOTENCY_KEY)
    @ApiResponse(responseCode = "200", description = "The hold, VOIDED",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = HoldView.class)))
    @ApiResponse(responseCode = "400", ref = BAD_IDEMPOTENT_REQUEST)
    @ApiResponse(responseCode = "404", ref = HOLD_NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = IN_FLIGHT)
    @ApiResponse(responseCode = "422", ref = HOLD_REFUSED)
    @Post(value = "/holds/{id}/void", consumes = MediaType.ALL)
    @DoneStatus(200)
    @RequiredScope(Scope.LEDGER_WRITE)
    HttpResponse<String> voidHold(HttpRequest<?> request, @PathVariable String id, @Parameter(hidden = true) @Nullable @Body String body) {
        String key = idempotent.requireKey(request);
        UUID holdId = holdInPath(id);
        var context = Callers.context(request);
        var accounts = new LinkedHashSet<>(useCase.accountsOf(holdId, context));
        return idempotent.execute(request, key, body, 200, accounts, () -> answer(useCase.voidHold(holdId, context)));
    }

    /** The hold as of now (a pending hold past its expiry reads EXPIRED), or 404 HOLD_NOT_FOUND. */
    @Operation(operationId = "getHold", summary = "Read a hold")
    @ApiResponse(responseCode = "200", description = "The hold",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = HoldView.class)))
    @ApiResponse(responseCode = "404", ref = HOLD_NOT_FOUND)
    @Get(value = "/holds/{id}", produces = MediaType.APPLICATION_JSON)
    @RequiredScope(Scope.LEDGER_READ)
    HttpResponse<String> get(HttpRequest<?> request, @PathVariable String id) {
        UUID holdId = holdInPath(id);
        return useCase.find(Callers.tenant(request), holdId)
                .map(hold -> HttpResponse.ok(bodies.write(Views.hold(hold, clock.instant(), null))))
                .orElseThrow(() -> ErrorCode.HOLD_NOT_FOUND.exception("hold " + id + " does not exist"));
    }

    /**
     * The account's holds as source, newest first: {@code {"items": [hold…], "nextCursor": "…" | null}};
     * {@code status} filters (PENDING lists only holds not yet past their expiry), {@code limit} 1..500.
     */
    @Operation(operationId = "listAccountHolds", summary = "The holds of an account as source (status, limit 1..500, cursor)")
    @ApiResponse(responseCode = "200", description = "A page of holds",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = HoldPage.class)))
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
    @ApiResponse(responseCode = "404", ref = ACCOUNT_NOT_FOUND)
    @Get(value = "/accounts/{id}/holds", produces = MediaType.APPLICATION_JSON)
    @RequiredScope(Scope.LEDGER_READ)
    HttpResponse<String> ofAccount(HttpRequest<?> request, @PathVariable String id, @Nullable @QueryValue String status,
                                   @Nullable @QueryValue String limit, @Nullable @QueryValue String cursor) {
        var account = Ids.accountInPath(id);
        Hold.Status filter = status(status);
        int size = limit(limit);
        UUID after = cursor == null || cursor.isEmpty() ? null : dev.polyledger.events.Uuids.parse(cursor)
                .orElseThrow(() -> new ValidationException("cursor", "cursor is not one this API returned"));
        Instant now = clock.instant();
        var page = useCase.ofAccount(Callers.tenant(request), account, filter, size + 1, after);
        var shown = page.stream().limit(size).toList();
        var items = shown.stream()
                .map(h -> Views.hold(h, now, null))
                .filter(view -> filter == null || filter.name().equals(view.status()))
                .toList();
        String next = page.size() > size ? shown.get(shown.size() - 1).id().toString() : null;
        return HttpResponse.ok(bodies.write(new HoldPage(items, next)));
    }

    private RecordedAnswer answer(Outcome<Hold> outcome) {
        if (outcome instanceof Outcome.Refused<Hold> refused) {
            return ProblemResponses.recorded(refused, bodies);
        }
        return RecordedAnswer.done(bodies.write(Views.hold(((Outcome.Done<Hold>) outcome).value(), clock.instant(), null)));
    }

    private static UUID holdInPath(String text) {
        return dev.polyledger.events.Uuids.parse(text)
                .orElseThrow(() -> ErrorCode.HOLD_NOT_FOUND.exception("hold " + text + " does not exist"));
    }

    private static Instant instant(String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, field + " must be an RFC 3339 instant, like 2026-12-01T10:00:00Z");
        }
    }

    private static Hold.Status status(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Hold.Status.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("status", "status must be one of PENDING, POSTED, VOIDED, EXPIRED");
        }
    }

    private static int limit(String text) {
        int value;
        try {
            value = text == null ? 50 : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ValidationException("limit", "limit must be an integer 1..500");
        }
        if (value < 1 || value > 500) {
            throw new ValidationException("limit", "limit must be an integer 1..500");
        }
        return value;
    }

    /** {@code {"items": [hold…], "nextCursor": "…" | null}}. */
    @Serdeable
    record HoldPage(List<HoldView> items, @Nullable String nextCursor) {
    }
}
