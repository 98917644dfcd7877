package dev.polyledger.ledger.adapter.in.web;

import static dev.polyledger.platform.http.OpenApiRefs.*;

import dev.polyledger.ledger.application.port.in.IndependentBatches;
import dev.polyledger.ledger.application.port.in.LedgerQueries;
import dev.polyledger.ledger.application.port.in.PostTransferCommand;
import dev.polyledger.ledger.application.port.in.PostingOutcome;
import dev.polyledger.ledger.application.port.in.Postings;
import dev.polyledger.ledger.application.port.in.RequestContext;
import dev.polyledger.ledger.application.view.BatchView;
import dev.polyledger.ledger.domain.Batch;
import dev.polyledger.ledger.domain.BatchItem;
import dev.polyledger.ledger.domain.Metadata;
import dev.polyledger.ledger.domain.RecordedAnswer;
import dev.polyledger.ledger.domain.ValidationException;
import dev.polyledger.platform.http.Problem;
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
import dev.polyledger.ledger.application.view.BatchView;
import io.micronaut.serde.annotation.Serdeable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code /api/v1/batches} (api-contract.md, "Batches and mass payouts"). An {@code INDEPENDENT} batch (payout run) of up
 * to 10,000 transfers is stored with its items and answered {@code 202} at once; its items are then posted each on its
 * own ({@link IndependentBatches}), progress at {@code GET /{id}} and {@code GET /{id}/items}. An {@code ATOMIC} batch of up to 1,000
 * transfers posts in one transaction, all or none, through the same posting pipeline as a single transfer, under one
 * Idempotency-Key. {@code 201} with every item's transfer id, or {@code 422 BATCH_REJECTED} naming every failing item
 * (nothing posted; recorded and replayed like any refusal). Invalid input is {@code 400 VALIDATION_FAILED} naming
 * the item's field ({@code items[3].amount}); more than 1,000 items or none: field {@code items}.
 */
@Controller("/api/v1/batches")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Batches")
@ApiResponse(responseCode = "401", ref = UNAUTHENTICATED)
@ApiResponse(responseCode = "403", ref = INSUFFICIENT_SCOPE)
@ApiResponse(responseCode = "429", ref = RATE_LIMITED)
@ApiResponse(responseCode = "503", ref = UNAVAILABLE)
class BatchController {
    static final String ATOMIC = "ATOMIC";
    static final String INDEPENDENT = "INDEPENDENT";

    private final IdempotentEndpoint idempotent;
    private final JsonBodies bodies;
    private final IndependentBatches independent;

    BatchController(IdempotentEndpoint idempotent, JsonBodies bodies, IndependentBatches independent) {
        this.idempotent = idempotent;
        this.bodies = bodies;
        this.independent = independent;
    }

    @Operation(operationId = "postBatch", summary = "Post a batch: ATOMIC (all or nothing, 201) or INDEPENDENT (each on its own, 202)")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, required = true, ref = IDEMPOTENCY_KEY)
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = BatchRequests.PostBatch.class)))
    @ApiResponse(responseCode = "201", description = "ATOMIC: every item posted",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AtomicBatchView.class)))
    @ApiResponse(responseCode = "202", description = "INDEPENDENT: accepted, PROCESSING; GET it for progress",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = BatchView.class)))
    @ApiResponse(responseCode = "400", ref = BAD_IDEMPOTENT_REQUEST)
    @ApiResponse(responseCode = "409", ref = IN_FLIGHT)
    @ApiResponse(responseCode = "422", ref = BATCH_REFUSED)
    @Post(consumes = MediaType.ALL)
    @RequiredScope(Scope.LEDGER_WRITE)
    HttpResponse<String> post(HttpRequest<?> request, @Parameter(hidden = true) @Nullable @Body String body) {
        String key = idempotent.requireKey(request);
        var json = bodies.read(body, BatchRequests.PostBatch.class);
        if (json.mode() == null) {
            throw new ValidationException("mode", "mode is required: ATOMIC or INDEPENDENT");
        }
        if (INDEPENDENT.equals(json.mode())) {
            return postIndependent(request, key, body, json);
        }
        if (!ATOMIC.equals(json.mode())) {
            throw new ValidationException("mode", "mode must be ATOMIC or INDEPENDENT");
        }
        if (json.items() == null) {
            throw new ValidationException("items", "items is required");
        }
        if (json.items().size() > Postings.MAX_ATOMIC_ITEMS) {
            throw new ValidationException("items", "an ATOMIC batch has at most " + Postings.MAX_ATOMIC_ITEMS
                    + " items, this one has " + json.items().size());
        }
        var postings = Postings.atomicBatch(commands(json.items(), Callers.context(request)));
        return idempotent.post(request, key, body, 201, postings, outcome -> render(outcome, bodies));
    }

    /**
     * Stores the batch and its items in the transaction that records the key, answers {@code 202} with the batch, then
     * enqueues its first chunk (a replay enqueues nothing: the stalled-batch sweep resumes a batch whose chunk was lost).
     */
    private HttpResponse<String> postIndependent(HttpRequest<?> request, String key, String body,
                                                 BatchRequests.PostBatch json) {
        if (json.items() == null) {
            throw new ValidationException("items", "items is required");
        }
        if (json.items().size() > IndependentBatches.MAX_ITEMS) {
            throw new ValidationException("items", "an INDEPENDENT batch has at most " + IndependentBatches.MAX_ITEMS
                    + " items, this one has " + json.items().size());
        }
        var context = Callers.context(request);
        var commands = commands(json.items(), context);
        var accepted = new AtomicReference<Batch>();
        var response = idempotent.execute(request, key, body, 202, () -> {
            Batch batch = independent.accept(commands, context);
            accepted.set(batch);
            return RecordedAnswer.done(bodies.write(BatchView.of(batch)));
        });
        if (accepted.get() != null) {
            independent.start(accepted.get());
        }
        return response;
    }

    /** The batch with its counts, or 404 BATCH_NOT_FOUND (atomic batches are not stored: their answer is complete). */
    @Operation(operationId = "getBatch", summary = "Read an INDEPENDENT batch with its counts")
    @ApiResponse(responseCode = "200", description = "The batch",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = BatchView.class)))
    @ApiResponse(responseCode = "404", ref = BATCH_NOT_FOUND)
    @Get(value = "/{id}", produces = MediaType.APPLICATION_JSON)
    @RequiredScope(Scope.LEDGER_READ)
    HttpResponse<String> get(HttpRequest<?> request, @PathVariable String id) {
        return independent.find(Callers.tenant(request), batchId(id))
                .map(batch -> HttpResponse.ok(bodies.write(BatchView.of(batch))))
                .orElseThrow(() -> ErrorCode.BATCH_NOT_FOUND.exception("batch " + id + " does not exist"));
    }

    /**
     * The batch's items in index order, {@code status} PENDING|POSTED|REJECTED to filter, {@code limit} 1..500
     * (default 100), opaque {@code cursor}.
     */
    @Operation(operationId = "listBatchItems", summary = "The items of an INDEPENDENT batch, in index order (status, limit 1..500, cursor)")
    @ApiResponse(responseCode = "200", description = "A page of items",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ItemPage.class)))
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
    @ApiResponse(responseCode = "404", ref = BATCH_NOT_FOUND)
    @Get(value = "/{id}/items", produces = MediaType.APPLICATION_JSON)
    @RequiredScope(Scope.LEDGER_READ)
    HttpResponse<String> items(HttpRequest<?> request, @PathVariable String id, @Nullable @QueryValue String status,
                               @Nullable @QueryValue String limit, @Nullable @QueryValue String cursor) {
        BatchItem.Status wanted = null;
        if (status != null) {
            try {
                wanted = BatchItem.Status.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw new ValidationException("status", "status must be one of PENDING, POSTED, REJECTED");
            }
        }
        int size = parseLimit(limit);
        var page = independent.items(Callers.tenant(request), batchId(id), wanted, decodeCursor(cursor), size)
                .orElseThrow(() -> ErrorCode.BATCH_NOT_FOUND.exception("batch " + id + " does not exist"));
        var views = page.stream().map(BatchController::itemView).toList();
        String next = page.size() == size ? encodeCursor(page.get(page.size() - 1).index()) : null;
        return HttpResponse.ok(bodies.write(new ItemPage(views, next)));
    }

    private static StoredItemView itemView(BatchItem item) {
        return new StoredItemView(item.index(), item.status().name(),
                item.transferId() == null ? null : item.transferId().toString(), item.code(), item.detail(),
                item.source().toString(), item.destination().toString(), item.amount(), item.currency(), item.reference());
    }

    private static UUID batchId(String text) {
        return Ids.batchInPath(text);
    }

    private static int parseLimit(String text) {
        if (text == null) {
            return 100;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= 1 && value <= LedgerQueries.MAX_PAGE_SIZE) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ValidationException("limit", "limit must be an integer 1..500");
    }

    /** Cursors are opaque to clients: base64url of the last index of the previous page. */
    private static int decodeCursor(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return -1;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (!text.startsWith("i")) {
                throw new IllegalArgumentException(text);
            }
            return Integer.parseInt(text.substring(1));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("cursor", "cursor is not one this API returned");
        }
    }

    private static String encodeCursor(int lastIndex) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("i" + lastIndex).getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code {"items": [item…], "nextCursor": "…" | null}}. */
    @Serdeable
    record ItemPage(List<StoredItemView> items, @Nullable String nextCursor) {
    }

    /** One item of a stored batch: what was asked, and what became of it. */
    @Serdeable
    record StoredItemView(int index, String status, @Nullable String transferId, @Nullable String code,
                          @Nullable String detail, String sourceAccountId, String destinationAccountId, String amount,
                          String currency, @Nullable String reference) {
    }

    private static List<PostTransferCommand> commands(List<BatchRequests.Item> items, RequestContext context) {
        var commands = new ArrayList<PostTransferCommand>(items.size());
        for (int i = 0; i < items.size(); i++) {
            var item = items.get(i);
            String prefix = "items[" + i + "].";
            if (item == null) {
                throw new ValidationException("items[" + i + "]", "item " + i + " must be a JSON object");
            }
            try {
                commands.add(PostTransferCommand.transfer(
                        Ids.accountInBody("sourceAccountId", item.sourceAccountId()),
                        Ids.accountInBody("destinationAccountId", item.destinationAccountId()),
                        item.amount(), item.currency(), item.reference(), Metadata.of(item.metadata()), context));
            } catch (ValidationException e) {
                throw new ValidationException(prefix + e.field(), "item " + i + ": " + e.getMessage());
            }
        }
        return commands;
    }

    /**
     * The answer to an atomic batch: {@code {"id","mode","status":"COMPLETED","items":[{"index","status","transferId"}]}},
     * or the {@code BATCH_REJECTED} problem with {@code errors: [{"index","code","detail"}]}. The batch id is drawn here
     * and recorded with the answer, so a replay names the same one.
     */
    static RecordedAnswer render(PostingOutcome outcome, JsonBodies bodies) {
        if (outcome instanceof PostingOutcome.Refused refused) {
            var errors = refused.refusals().stream()
                    .map(r -> new ItemError(r.index(), r.reason().name(), r.detail())).toList();
            var problem = new BatchRejection(Problem.TYPE_PREFIX + ErrorCode.BATCH_REJECTED.name(),
                    ErrorCode.BATCH_REJECTED.title(), ErrorCode.BATCH_REJECTED.status(),
                    errors.size() + " item(s) of the batch were refused; nothing was posted",
                    ErrorCode.BATCH_REJECTED.name(), errors);
            return RecordedAnswer.refused(ErrorCode.BATCH_REJECTED.name(), bodies.write(problem));
        }
        var transfers = ((PostingOutcome.Posted) outcome).transfers();
        var items = new ArrayList<ItemView>(transfers.size());
        for (int i = 0; i < transfers.size(); i++) {
            items.add(new ItemView(i, "POSTED", transfers.get(i).id().value().toString()));
        }
        return RecordedAnswer.done(bodies.write(new AtomicBatchView(UUID.randomUUID().toString(), ATOMIC, "COMPLETED", items)));
    }

    /** 201 body of an atomic batch. */
    @Serdeable
    record AtomicBatchView(String id, String mode, String status, List<ItemView> items) {
    }

    @Serdeable
    record ItemView(int index, String status, String transferId) {
    }

    /** 422 BATCH_REJECTED: RFC 9457 problem with the extension member {@code errors}. */
    @Serdeable
    record BatchRejection(String type, String title, int status, String detail, String code, List<ItemError> errors) {
    }

    @Serdeable
    record ItemError(int index, String code, String detail) {
    }
}
