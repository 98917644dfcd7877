package dev.polyledger.ledger.adapter.in.web;

import static dev.polyledger.platform.http.OpenApiRefs.*;

import dev.polyledger.ledger.application.port.in.ChangeAccountStatusCommand;
import dev.polyledger.ledger.application.port.in.ChangeAccountStatusUseCase;
import dev.polyledger.ledger.application.port.in.LedgerQueries;
import dev.polyledger.ledger.application.port.in.OpenAccountCommand;
import dev.polyledger.ledger.application.port.in.OpenAccountUseCase;
import dev.polyledger.ledger.application.port.in.Outcome;
import dev.polyledger.ledger.application.port.in.PostTransferCommand;
import dev.polyledger.ledger.application.port.in.Postings;
import dev.polyledger.ledger.domain.RecordedAnswer;
import dev.polyledger.ledger.application.view.EntryView;
import dev.polyledger.ledger.application.view.Views;
import dev.polyledger.ledger.domain.Account;
import dev.polyledger.ledger.domain.AccountType;
import dev.polyledger.ledger.domain.Metadata;
import dev.polyledger.ledger.domain.StatusChange;
import dev.polyledger.ledger.domain.ValidationException;
import dev.polyledger.platform.http.ApiException;
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
import dev.polyledger.ledger.application.view.AccountView;
import dev.polyledger.ledger.application.view.TransferView;
import io.micronaut.serde.annotation.Serdeable;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * {@code /api/v1/accounts}: open, read, list entries, verify the hash chain, freeze/unfreeze/close, credit and debit
 * (api-contract.md, "Accounts", "Money movement" and "Integrity: the hash chain"). JDBC blocks, so handlers run on the blocking pool.
 */
@Controller("/api/v1/accounts")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Accounts")
@ApiResponse(responseCode = "401", ref = UNAUTHENTICATED)
@ApiResponse(responseCode = "403", ref = INSUFFICIENT_SCOPE)
@ApiResponse(responseCode = "429", ref = RATE_LIMITED)
@ApiResponse(responseCode = "503", ref = UNAVAILABLE)
class AccountController {
    private final OpenAccountUseCase openAccount;
    private final ChangeAccountStatusUseCase changeStatus;
    private final LedgerQueries queries;
    private final IdempotentEndpoint idempotent;
    private final JsonBodies bodies;

    AccountController(OpenAccountUseCase openAccount, ChangeAccountStatusUseCase changeStatus,
                      LedgerQueries queries, IdempotentEndpoint idempotent,
                      JsonBodies bodies) {
        this.openAccount = openAccount;
        this.changeStatus = changeStatus;
        this.queries = queries;
        this.idempotent = idempotent;
        this.bodies = bodies;
    }

    /** Opens an account: 201 with the account. */
    @Operation(operationId = "openAccount", summary = "Open an account")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, required = true, ref = IDEMPOTENCY_KEY)
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Requests.OpenAccount.class)))
    @ApiResponse(responseCode = "201", description = "The account",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AccountView.class)))
    @ApiResponse(responseCode = "400", ref = BAD_IDEMPOTENT_REQUEST)
    @ApiResponse(responseCode = "409", ref = IN_FLIGHT)
    @ApiResponse(responseCode = "422", ref = KEY_REUSED)
    @Post(consumes = MediaType.ALL)
    @DoneStatus(201)
    @RequiredScope(Scope.LEDGER_WRITE)
    HttpResponse<String> open(HttpRequest<?> request, @Parameter(hidden = true) @Nullable @Body String body) {
        String key = idempotent.requireKey(request);
        var json = bodies.read(body, Requests.OpenAccount.class);
        var command = new OpenAccountCommand(json.currency(), accountType(json.type()), json.ownerId(),
                Boolean.TRUE.equals(json.allowNegativeBalance()), Metadata.of(json.metadata()),
                Callers.context(request));
        return idempotent.execute(request, key, body, 201,
                () -> RecordedAnswer.done(bodies.write(Views.account(openAccount.open(command)))));
    }

    /** The account, or 404 ACCOUNT_NOT_FOUND. */
    @Operation(operationId = "getAccount", summary = "Read an account (strongly consistent)")
    @ApiResponse(responseCode = "200", description = "The account",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AccountView.class)))
    @ApiResponse(responseCode = "404", ref = ACCOUNT_NOT_FOUND)
    @Get(value = "/{id}", produces = MediaType.APPLICATION_JSON)
    @RequiredScope(Scope.LEDGER_READ)
    HttpResponse<String> get(HttpRequest<?> request, @PathVariable String id) {
        var accountId = Ids.accountInPath(id);
        return queries.account(Callers.tenant(request), accountId)
                .map(account -> HttpResponse.ok(bodies.write(Views.account(account))))
                .orElseThrow(() -> accountNotFound(id));
    }

    /** The account's entries, newest first, {@code limit} 1..500 (default 50), opaque {@code cursor}. */
    @Operation(operationId = "listAccountEntries", summary = "The account's ledger entries, newest first (limit 1..500, default 50)")
    @ApiResponse(responseCode = "200", description = "A page of entries",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = EntryPageView.class)))
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
    @ApiResponse(responseCode = "404", ref = ACCOUNT_NOT_FOUND)
    @Get(value = "/{id}/entries", produces = MediaType.APPLICATION_JSON)
    @RequiredScope(Scope.LEDGER_READ)
    HttpResponse<String> entries(HttpRequest<?> request, @PathVariable String id, @Nullable @QueryValue String limit,
                                 @Nullable @QueryValue String cursor) {
        var accountId = Ids.accountInPath(id);
        var page = queries.entries(Callers.tenant(request), accountId, parseLimit(limit), decodeCursor(cursor))
                .orElseThrow(() -> accountNotFound(id));
        var items = page.items().stream().map(Views::entry).toList();
        return HttpResponse.ok(bodies.write(new EntryPageView(items, encodeCursor(page.nextBeforeVersion()))));
    }

    /**
     * The account's hash chain recomputed from the stored entries (api-contract.md, "Integrity: the hash chain"):
     * 200 {@code {"accountId", "valid", "entries", "headHash", "firstBrokenVersion"}}, or 404 ACCOUNT_NOT_FOUND.
     */
    @Operation(operationId = "verifyAccountChain", summary = "Recompute the account's hash chain from the stored entries")
    @ApiResponse(responseCode = "200", description = "The verification", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = dev.polyledger.ledger.application.view.ChainVerificationView.class)))
    @ApiResponse(responseCode = "404", ref = ACCOUNT_NOT_FOUND)
    @Get(value = "/{id}/verification", produces = MediaType.APPLICATION_JSON)
    @RequiredScope(Scope.LEDGER_READ)
    HttpResponse<String> verification(HttpRequest<?> request, @PathVariable String id) {
        var accountId = Ids.accountInPath(id);
        return queries.verification(Callers.tenant(request), accountId)
                .map(result -> HttpResponse.ok(bodies.write(Views.verification(result))))
                .orElseThrow(() -> accountNotFound(id));
    }

    @Operation(operationId = "freezeAccount", summary = "Freeze an account: it takes credits but no debits")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, required = true, ref = IDEMPOTENCY_KEY)
    @ApiResponse(responseCode = "200", description = "The account",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AccountView.class)))
    @ApiResponse(responseCode = "400", ref = BAD_IDEMPOTENT_REQUEST)
    @ApiResponse(responseCode = "404", ref = ACCOUNT_NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = IN_FLIGHT)
    @ApiResponse(responseCode = "422", ref = STATUS_CHANGE_REFUSED)
    @Post(value = "/{id}/freeze", consumes = MediaType.ALL)
    @DoneStatus(200)
    @RequiredScope(Scope.LEDGER_WRITE)
    HttpResponse<String> freeze(HttpRequest<?> request, @PathVariable String id, @Parameter(hidden = true) @Nullable @Body String body) {
        return changeStatus(request, id, body, StatusChange.Action.FREEZE);
    }

    @Operation(operationId = "unfreezeAccount", summary = "Unfreeze an account")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, required = true, ref = IDEMPOTENCY_KEY)
    @ApiResponse(responseCode = "200", description = "The account",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AccountView.class)))
    @ApiResponse(responseCode = "400", ref = BAD_IDEMPOTENT_REQUEST)
    @ApiResponse(responseCode = "404", ref = ACCOUNT_NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = IN_FLIGHT)
    @ApiResponse(responseCode = "422", ref = STATUS_CHANGE_REFUSED)
    @Post(value = "/{id}/unfreeze", consumes = MediaType.ALL)
    @DoneStatus(200)
    @RequiredScope(Scope.LEDGER_WRITE)
    HttpResponse<String> unfreeze(HttpRequest<?> request, @PathVariable String id, @Parameter(hidden = true) @Nullable @Body String body) {
        return changeStatus(request, id, body, StatusChange.Action.UNFREEZE);
    }

    @Operation(operationId = "closeAccount", summary = "Close an account (only at a zero balance)")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, required = true, ref = IDEMPOTENCY_KEY)
    @ApiResponse(responseCode = "200", description = "The account",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AccountView.class)))
    @ApiResponse(responseCode = "400", ref = BAD_IDEMPOTENT_REQUEST)
    @ApiResponse(responseCode = "404", ref = ACCOUNT_NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = IN_FLIGHT)
    @ApiResponse(responseCode = "422", ref = STATUS_CHANGE_REFUSED)
    @Post(value = "/{id}/close", consumes = MediaType.ALL)
    @DoneStatus(200)
    @RequiredScope(Scope.LEDGER_WRITE)
    HttpResponse<String> close(HttpRequest<?> request, @PathVariable String id, @Parameter(hidden = true) @Nullable @Body String body) {
        return changeStatus(request, id, body, StatusChange.Action.CLOSE);
    }

    /** Money in from the currency's world account: 201 transfer of kind CREDIT. */
    @Operation(operationId = "creditAccount", summary = "Credit the account from the currency's world account")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, required = true, ref = IDEMPOTENCY_KEY)
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Requests.Movement.class)))
    @ApiResponse(responseCode = "201", description = "The transfer, kind CREDIT",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TransferView.class)))
    @ApiResponse(responseCode = "400", ref = BAD_IDEMPOTENT_REQUEST)
    @ApiResponse(responseCode = "404", ref = ACCOUNT_NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = IN_FLIGHT)
    @ApiResponse(responseCode = "422", ref = POSTING_REFUSED)
    @Post(value = "/{id}/credits", consumes = MediaType.ALL)
    @DoneStatus(201)
    @RequiredScope(Scope.LEDGER_WRITE)
    HttpResponse<String> credit(HttpRequest<?> request, @PathVariable String id, @Parameter(hidden = true) @Nullable @Body String body) {
        String key = idempotent.requireKey(request);
        var accountId = Ids.accountInPath(id);
        var json = bodies.read(body, Requests.Movement.class);
        var command = PostTransferCommand.credit(accountId, json.amount(), json.reference(), Metadata.of(json.metadata()),
                Callers.context(request));
        return idempotent.post(request, key, body, 201, Postings.single(command),
                outcome -> TransferController.render(outcome, bodies));
    }

    /** Money out to the currency's world account: 201 transfer of kind DEBIT. */
    @Operation(operationId = "debitAccount", summary = "Debit the account to the currency's world account")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, required = true, ref = IDEMPOTENCY_KEY)
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Requests.Movement.class)))
    @ApiResponse(responseCode = "201", description = "The transfer, kind DEBIT",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TransferView.class)))
    @ApiResponse(responseCode = "400", ref = BAD_IDEMPOTENT_REQUEST)
    @ApiResponse(responseCode = "404", ref = ACCOUNT_NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = IN_FLIGHT)
    @ApiResponse(responseCode = "422", ref = POSTING_REFUSED)
    @Post(value = "/{id}/debits", consumes = MediaType.ALL)
    @DoneStatus(201)
    @RequiredScope(Scope.LEDGER_WRITE)
    HttpResponse<String> debit(HttpRequest<?> request, @PathVariable String id, @Parameter(hidden = true) @Nullable @Body String body) {
        String key = idempotent.requireKey(request);
        var accountId = Ids.accountInPath(id);
        var json = bodies.read(body, Requests.Movement.class);
        var command = PostTransferCommand.debit(accountId, json.amount(), json.reference(), Metadata.of(json.metadata()),
                Callers.context(request));
        return idempotent.post(request, key, body, 201, Postings.single(command),
                outcome -> TransferController.render(outcome, bodies));
    }

    private HttpResponse<String> changeStatus(HttpRequest<?> request, String id, String body, StatusChange.Action action) {
        String key = idempotent.requireKey(request);
        var accountId = Ids.accountInPath(id);
        var command = new ChangeAccountStatusCommand(accountId, action, Callers.context(request));
        return idempotent.execute(request, key, body, 200, java.util.Set.of(accountId), () -> {
            Outcome<Account> outcome = changeStatus.change(command);
            if (outcome instanceof Outcome.Refused<Account> refused) {
                return ProblemResponses.recorded(refused, bodies);
            }
            var account = ((Outcome.Done<Account>) outcome).value();
            return RecordedAnswer.done(bodies.write(Views.account(account)));
        });
    }

    /** The 404 of an account id that is unknown in the caller's tenant (another tenant's answers the same). */
    private static ApiException accountNotFound(String id) {
        return ErrorCode.ACCOUNT_NOT_FOUND.exception("account " + id + " does not exist");
    }

    private static AccountType accountType(String text) {
        if (text == null) {
            return null;
        }
        try {
            return AccountType.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("type", "type must be one of USER, SYSTEM, EXTERNAL");
        }
    }

    private static int parseLimit(String text) {
        if (text == null) {
            return 50;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ValidationException("limit", "limit must be an integer 1..500");
        }
    }

    /** Cursors are opaque to clients: base64url of the account version the next page starts below. */
    private static Long decodeCursor(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (!text.startsWith("v")) {
                throw new IllegalArgumentException(text);
            }
            return Long.parseLong(text.substring(1));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("cursor", "cursor is not one this API returned");
        }
    }

    private static String encodeCursor(Long beforeVersion) {
        return beforeVersion == null ? null
                : Base64.getUrlEncoder().withoutPadding().encodeToString(("v" + beforeVersion).getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code {"items": [entry…], "nextCursor": "…" | null}}. */
    @Serdeable
    record EntryPageView(List<EntryView> items, @Nullable String nextCursor) {
    }
}
