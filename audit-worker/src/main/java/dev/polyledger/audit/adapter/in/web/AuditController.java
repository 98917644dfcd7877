package dev.polyledger.audit.adapter.in.web;

import dev.polyledger.audit.application.port.in.AuditEventQuery;
import dev.polyledger.audit.application.port.in.AuditQueries;
import dev.polyledger.platform.http.auth.Caller;
import dev.polyledger.platform.http.auth.RequiredScope;
import dev.polyledger.platform.http.auth.Scope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import dev.polyledger.events.Uuids;
import java.util.UUID;

/**
 * The audit queries (api-contract.md, "Audit queries"). Parameters arrive as text and are checked by
 * {@link AuditEventQuery#fromParameters} (400 VALIDATION_FAILED naming the field). The MongoDB driver blocks,
 * hence the blocking executor.
 *
 * <p>Every route needs an API key with {@code audit:read} (401 UNAUTHENTICATED without a valid key, 403
 * INSUFFICIENT_SCOPE without the scope: platform-http's authentication filter) and sees only the key's tenant
 * ({@link Caller#tenantId()}), which is part of the store's filter.
 */
@Controller("/api/v1/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
@RequiredScope(Scope.AUDIT_READ)
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
    SnapshotJson.Page events(HttpRequest<?> request, @Nullable @QueryValue String accountId, @Nullable @QueryValue String transferId,
                             @Nullable @QueryValue String type, @Nullable @QueryValue String from,
                             @Nullable @QueryValue String to, @Nullable @QueryValue String limit,
                             @Nullable @QueryValue String cursor) {
        var query = AuditEventQuery.fromParameters(Caller.of(request).tenantId(), accountId, transferId, type, from, to, limit, cursor);
        return SnapshotJson.Page.of(queries.search(query));
    }

    /**
     * {@code GET /api/v1/audit/transfers/{id}} → the snapshot of the transfer's {@code transfer.posted} event;
     * 404 AUDIT_RECORD_NOT_FOUND until the event has been recorded, for an id that is not a UUID, and — with the
     * same body — for a transfer of another tenant.
     */
    @Get("/transfers/{id}")
    SnapshotJson transfer(HttpRequest<?> request, @PathVariable String id) {
        String tenantId = Caller.of(request).tenantId();
        return Uuids.parse(id).flatMap(transferId -> queries.transfer(tenantId, transferId)).map(SnapshotJson::of)
                .orElseThrow(() -> ErrorCode.AUDIT_RECORD_NOT_FOUND.exception(
                        "no audit record of transfer " + id + " (yet)"));
    }
}
