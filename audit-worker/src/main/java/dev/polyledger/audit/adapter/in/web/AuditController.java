package dev.polyledger.audit.adapter.in.web;

import dev.polyledger.audit.application.port.in.AuditEventQuery;
import dev.polyledger.audit.application.port.in.AuditQueries;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Optional;
import java.util.UUID;

/**
 * The audit queries (api-contract.md, "Audit queries"). Parameters arrive as text and are checked by
 * {@link AuditEventQuery#fromParameters} (400 VALIDATION_FAILED naming the field). The MongoDB driver blocks,
 * hence the blocking executor.
 */
@Controller("/api/v1/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
class AuditController {
    private final AuditQueries queries;

    AuditController(AuditQueries queries) {
        this.queries = queries;
    }

    /**
     * {@code GET /api/v1/audit/events?accountId=&transferId=&type=&from=&to=&limit=&cursor=} → a page of snapshots,
     * newest first; repeat the same criteria with {@code cursor=nextCursor} for the next page.
     */
    @Get("/events")
    SnapshotJson.Page events(@Nullable @QueryValue String accountId, @Nullable @QueryValue String transferId,
                             @Nullable @QueryValue String type, @Nullable @QueryValue String from,
                             @Nullable @QueryValue String to, @Nullable @QueryValue String limit,
                             @Nullable @QueryValue String cursor) {
        var query = AuditEventQuery.fromParameters(accountId, transferId, type, from, to, limit, cursor);
        return SnapshotJson.Page.of(queries.search(query));
    }

    /**
     * {@code GET /api/v1/audit/transfers/{id}} → the snapshot of the transfer's {@code transfer.posted} event;
     * 404 AUDIT_RECORD_NOT_FOUND until the event has been recorded (and for an id that is not a UUID).
     */
    @Get("/transfers/{id}")
    SnapshotJson transfer(@PathVariable String id) {
        return uuid(id).flatMap(queries::transfer).map(SnapshotJson::of)
                .orElseThrow(() -> ErrorCode.AUDIT_RECORD_NOT_FOUND.exception(
                        "no audit record of transfer " + id + " (yet)"));
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return text != null && text.length() == 36 ? Optional.of(UUID.fromString(text))
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
