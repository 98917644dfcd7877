package dev.polyledger.ledger.adapter.in.web;

import static dev.polyledger.platform.http.OpenApiRefs.*;

import dev.polyledger.platform.http.auth.RequiredScope;
import dev.polyledger.platform.http.auth.Scope;
import dev.polyledger.ledger.application.port.in.LedgerQueries;
import dev.polyledger.ledger.application.port.in.PostTransferCommand;
import dev.polyledger.ledger.application.port.in.PostingOutcome;
import dev.polyledger.ledger.application.port.in.Postings;
import dev.polyledger.ledger.domain.RecordedAnswer;
import dev.polyledger.ledger.application.view.Views;
import dev.polyledger.ledger.domain.Metadata;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
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
import dev.polyledger.ledger.application.view.TransferView;

/** {@code /api/v1/transfers}: post a transfer between two accounts, read one (api-contract.md, "Money movement"). */
@Controller("/api/v1/transfers")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Transfers")
@ApiResponse(responseCode = "401", ref = UNAUTHENTICATED)
@ApiResponse(responseCode = "403", ref = INSUFFICIENT_SCOPE)
@ApiResponse(responseCode = "429", ref = RATE_LIMITED)
@ApiResponse(responseCode = "503", ref = UNAVAILABLE)
class TransferController {
    private final LedgerQueries queries;
    private final IdempotentEndpoint idempotent;
    private final JsonBodies bodies;
    private final dev.polyledger.ledger.application.port.in.RefundUseCase refunds;

    TransferController(LedgerQueries queries, IdempotentEndpoint idempotent, JsonBodies bodies,
                       dev.polyledger.ledger.application.port.in.RefundUseCase refunds) {
        this.refunds = refunds;
        this.queries = queries;
        this.idempotent = idempotent;
        this.bodies = bodies;
    }

    /** 201 with the posted transfer, or a recorded 404/422 refusal. */
    @Operation(operationId = "postTransfer", summary = "Post a transfer between two accounts of one currency")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, required = true, ref = IDEMPOTENCY_KEY)
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Requests.PostTransfer.class)))
    @ApiResponse(responseCode = "201", description = "The transfer, kind TRANSFER",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TransferView.class)))
    @ApiResponse(responseCode = "400", ref = BAD_IDEMPOTENT_REQUEST)
    @ApiResponse(responseCode = "404", ref = ACCOUNT_NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = IN_FLIGHT)
    @ApiResponse(responseCode = "422", ref = POSTING_REFUSED)
    @Post(consumes = MediaType.ALL)
    @DoneStatus(201)
    @RequiredScope(Scope.LEDGER_WRITE)
    HttpResponse<String> post(HttpRequest<?> request, @Parameter(hidden = true) @Nullable @Body String body) {
        String key = idempotent.requireKey(request);
        var json = bodies.read(body, Requests.PostTransfer.class);
        var command = PostTransferCommand.transfer(
                Ids.accountInBody("sourceAccountId", json.sourceAccountId()),
                Ids.accountInBody("destinationAccountId", json.destinationAccountId()),
                json.amount(), json.currency(), json.reference(), Metadata.of(json.metadata()),
                Callers.context(request));
        return idempotent.post(request, key, body, 201, Postings.single(command), outcome -> render(outcome, bodies));
    }

    /**
     * Refunds (part of) the transfer: 201 with the {@code REFUND} transfer, or a recorded 404/422 refusal
     * (TRANSFER_NOT_FOUND, TRANSFER_NOT_REFUNDABLE, REFUND_EXCEEDS_TRANSFER, INSUFFICIENT_FUNDS…).
     */
    @Operation(operationId = "refundTransfer", summary = "Refund (part of) a transfer, from its destination back to its source")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, required = true, ref = IDEMPOTENCY_KEY)
    @RequestBody(required = false, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Requests.Refund.class)))
    @ApiResponse(responseCode = "201", description = "The transfer, kind REFUND",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TransferView.class)))
    @ApiResponse(responseCode = "400", ref = BAD_IDEMPOTENT_REQUEST)
    @ApiResponse(responseCode = "404", ref = TRANSFER_OR_ACCOUNT_NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = IN_FLIGHT)
    @ApiResponse(responseCode = "422", ref = REFUND_REFUSED)
    @Post(value = "/{id}/refunds", consumes = MediaType.ALL)
    @DoneStatus(201)
    @RequiredScope(Scope.LEDGER_WRITE)
    HttpResponse<String> refund(HttpRequest<?> request, @PathVariable String id, @Parameter(hidden = true) @Nullable @Body String body) {
        String key = idempotent.requireKey(request);
        var original = Ids.transferInPath(id);
        var json = body == null || body.isBlank() ? new Requests.Refund(null, null, null)
                : bodies.read(body, Requests.Refund.class);
        var command = new dev.polyledger.ledger.application.port.in.RefundUseCase.RefundTransfer(original,
                json.amount() == null ? null : PostTransferCommand.parseAmount(json.amount()), json.reference(),
                Metadata.of(json.metadata()), Callers.context(request));
        var accounts = new java.util.LinkedHashSet<>(refunds.accountsOf(original, command.context().tenant()));
        return idempotent.execute(request, key, body, 201, accounts, () -> {
            var outcome = refunds.refund(command);
            if (outcome instanceof dev.polyledger.ledger.application.port.in.Outcome.Refused<?> refused) {
                return ProblemResponses.recorded(refused, bodies);
            }
            var refund = ((dev.polyledger.ledger.application.port.in.Outcome.Done<dev.polyledger.ledger.domain.Transfer>) outcome).value();
            return RecordedAnswer.done(bodies.write(Views.transfer(refund)));
        });
    }

    /** The transfer with its entries, or 404 TRANSFER_NOT_FOUND. */
    @Operation(operationId = "getTransfer", summary = "Read a transfer with its entries")
    @ApiResponse(responseCode = "200", description = "The transfer",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TransferView.class)))
    @ApiResponse(responseCode = "404", ref = TRANSFER_NOT_FOUND)
    @Get(value = "/{id}", produces = MediaType.APPLICATION_JSON)
    @RequiredScope(Scope.LEDGER_READ)
    HttpResponse<String> get(HttpRequest<?> request, @PathVariable String id) {
        return queries.transfer(Callers.tenant(request), Ids.transferInPath(id))
                .map(transfer -> HttpResponse.ok(bodies.write(Views.transfer(transfer))))
                .orElseThrow(() -> ErrorCode.TRANSFER_NOT_FOUND.exception("transfer " + id + " does not exist"));
    }

    /** The answer to one transfer, credit or debit: the transfer, or the problem of its refusal. */
    static RecordedAnswer render(PostingOutcome outcome, JsonBodies bodies) {
        if (outcome instanceof PostingOutcome.Refused refused) {
            return ProblemResponses.recorded(refused.first().reason(), refused.first().detail(), bodies);
        }
        var transfer = ((PostingOutcome.Posted) outcome).transfers().get(0);
        return RecordedAnswer.done(bodies.write(Views.transfer(transfer)));
    }
}
