package dev.polyledger.audit.adapter.in.web;

import static dev.polyledger.platform.http.OpenApiRefs.*;

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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Audit")
@ApiResponse(responseCode = "401", ref = UNAUTHENTICATED)
@ApiResponse(responseCode = "403", ref = INSUFFICIENT_SCOPE)
@ApiResponse(responseCode = "429", ref = RATE_LIMITED)
@ApiResponse(responseCode = "503", ref = UNAVAILABLE)
class AuditController {
    private final AuditQueries queries;

    AuditController(AuditQueries queries) {
        this.queries = queries;
    }

    /**
     * {@code GET /api/v1/audit/events?accountId=&transferId=&type=&from=&to=&limit=&cursor=} → a page of snapshots,
     * newest first; repeat the same criteria with {@code cursor=nextCursor} for the next page.
     */
    @Operation(operationId = "listAuditEvents", summary = "Audit snapshots of the tenant's events, newest first")
    @ApiResponse(responseCode = "200", description = "A page of snapshots",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SnapshotJson.Page.class)))
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
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
    @Operation(operationId = "getAuditTransfer", summary = "The audit snapshot of a transfer's transfer.posted event")
    @ApiResponse(responseCode = "200", description = "The snapshot",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SnapshotJson.class)))
    @ApiResponse(responseCode = "404", ref = AUDIT_RECORD_NOT_FOUND)
    @Get("/transfers/{id}")
    SnapshotJson transfer(HttpRequest<?> request, @PathVariable String id) {
        String tenantId = Caller.of(request).tenantId();
        return Uuids.parse(id).flatMap(transferId -> queries.transfer(tenantId, transferId)).map(SnapshotJson::of)
                .orElseThrow(() -> ErrorCode.AUDIT_RECORD_NOT_FOUND.exception(
                        "no audit record of transfer " + id + " (yet)"));
    }
}
