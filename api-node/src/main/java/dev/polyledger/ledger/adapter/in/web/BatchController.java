package dev.polyledger.ledger.adapter.in.web;

import dev.polyledger.ledger.application.port.in.PostTransferCommand;
import dev.polyledger.ledger.application.port.in.PostingOutcome;
import dev.polyledger.ledger.application.port.in.Postings;
import dev.polyledger.ledger.application.port.in.RequestContext;
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
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code /api/v1/batches} (api-contract.md, "Batches and mass payouts"): an {@code ATOMIC} batch of up to 1,000
 * transfers posts in one transaction, all or none, through the same posting pipeline as a single transfer, under one
 * Idempotency-Key. {@code 201} with every item's transfer id, or {@code 422 BATCH_REJECTED} naming every failing item
 * (nothing posted; recorded and replayed like any refusal). Invalid input is {@code 400 VALIDATION_FAILED} naming
 * the item's field ({@code items[3].amount}); more than 1,000 items or none: field {@code items}.
 */
@Controller("/api/v1/batches")
@ExecuteOn(TaskExecutors.BLOCKING)
class BatchController {
    static final String ATOMIC = "ATOMIC";
    static final String INDEPENDENT = "INDEPENDENT";

    private final IdempotentEndpoint idempotent;
    private final JsonBodies bodies;

    BatchController(IdempotentEndpoint idempotent, JsonBodies bodies) {
        this.idempotent = idempotent;
        this.bodies = bodies;
    }

    @Post(consumes = MediaType.ALL)
    @RequiredScope(Scope.LEDGER_WRITE)
    HttpResponse<String> post(HttpRequest<?> request, @Nullable @Body String body) {
        String key = idempotent.requireKey(request);
        var json = bodies.read(body, BatchRequests.PostBatch.class);
        if (json.mode() == null) {
            throw new ValidationException("mode", "mode is required: ATOMIC or INDEPENDENT");
        }
        if (INDEPENDENT.equals(json.mode())) {
            throw new ValidationException("mode", "mode INDEPENDENT is not available on this version; use ATOMIC");
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
        return RecordedAnswer.done(bodies.write(new BatchView(UUID.randomUUID().toString(), ATOMIC, "COMPLETED", items)));
    }

    /** 201 body of an atomic batch. */
    @Serdeable
    record BatchView(String id, String mode, String status, List<ItemView> items) {
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
