package dev.polyledger.audit.adapter.in.web;

import static dev.polyledger.platform.http.OpenApiRefs.*;

import dev.polyledger.audit.application.port.in.RebuildUseCase;
import dev.polyledger.audit.application.port.in.ReconcileUseCase;
import dev.polyledger.audit.application.port.in.TimeWindow;
import dev.polyledger.audit.config.AuditProperties;
import dev.polyledger.audit.domain.Reconciliation;
import dev.polyledger.platform.http.IdempotencyKeys;
import dev.polyledger.platform.http.auth.Caller;
import dev.polyledger.platform.http.auth.RequiredScope;
import dev.polyledger.platform.http.auth.Scope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciliation of the audit trail with the ledger, and its rebuild (api-contract.md, "Integrity: the hash chain
 * (v2)"). {@code from} and {@code to} are required ISO-8601 instants, the window {@code [from, to)} at most
 * {@code audit.reconciliation.max-window} long (24 h): otherwise 400 VALIDATION_FAILED naming the field. 503
 * SERVICE_UNAVAILABLE when the ledger's PostgreSQL or MongoDB is out of reach. The ledger and MongoDB block, hence the
 * blocking executor.
 */
@Controller("/api/v1/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Audit")
@ApiResponse(responseCode = "401", ref = UNAUTHENTICATED)
@ApiResponse(responseCode = "403", ref = INSUFFICIENT_SCOPE)
@ApiResponse(responseCode = "429", ref = RATE_LIMITED)
@ApiResponse(responseCode = "503", ref = UNAVAILABLE)
class ReconciliationController {
    private static final Logger LOG = LoggerFactory.getLogger(ReconciliationController.class);

    private final ReconcileUseCase reconcile;
    private final RebuildUseCase rebuild;
    private final Duration maxWindow;

    ReconciliationController(ReconcileUseCase reconcile, RebuildUseCase rebuild, AuditProperties.Reconciliation settings) {
        this.reconcile = reconcile;
        this.rebuild = rebuild;
        this.maxWindow = settings.maxWindow();
    }

    /**
     * {@code GET /api/v1/audit/reconciliation?from=&to=} (scope {@code audit:read}, the caller's tenant) →
     * {@code {"from","to","transfersInLedger","snapshots","missing":[ids],"mismatched":[ids],"truncated"}}.
     */
    @Operation(operationId = "getAuditReconciliation",
            summary = "Compare the audit trail with the ledger over [from, to) (at most 24 h)")
    @ApiResponse(responseCode = "200", description = "The comparison",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReconciliationJson.class)))
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
    @Get("/reconciliation")
    @RequiredScope(Scope.AUDIT_READ)
    ReconciliationJson reconciliation(HttpRequest<?> request, @Nullable @QueryValue String from,
                                      @Nullable @QueryValue String to) {
        TimeWindow window = TimeWindow.fromParameters(from, to, maxWindow);
        return ReconciliationJson.of(reconcile.reconcile(Caller.of(request).tenantId(), window));
    }

    /**
     * {@code POST /api/v1/audit/rebuild?from=&to=} (the operator key only; an {@code Idempotency-Key} as on every
     * POST, though the command is idempotent by itself and the key is not stored) → every tenant's missing
     * {@code transfer.posted} snapshots of the window written from the ledger:
     * {@code {"from","to","transfersInLedger","added","alreadyPresent","refused"}}.
     */
    @Operation(operationId = "rebuildAuditTrail",
            summary = "Write the missing transfer.posted snapshots of [from, to) from the ledger (the operator key only)")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, required = true, ref = IDEMPOTENCY_KEY)
    @ApiResponse(responseCode = "200", description = "What the rebuild did",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RebuildJson.class)))
    @ApiResponse(responseCode = "400", ref = BAD_IDEMPOTENT_REQUEST)
    @Post("/rebuild")
    @RequiredScope(value = Scope.AUDIT_READ, operatorOnly = true)
    RebuildJson rebuild(HttpRequest<?> request, @Nullable @QueryValue String from, @Nullable @QueryValue String to) {
        IdempotencyKeys.require(request);
        TimeWindow window = TimeWindow.fromParameters(from, to, maxWindow);
        RebuildUseCase.RebuildReport report = rebuild.rebuild(window);
        LOG.info("audit rebuild {}..{}: {} transfers in the ledger, {} snapshots added, {} present, {} refused",
                window.from(), window.to(), report.transfersInLedger(), report.added(), report.alreadyPresent(),
                report.refused());
        return new RebuildJson(window.from().toString(), window.to().toString(), report.transfersInLedger(),
                report.added(), report.alreadyPresent(), report.refused());
    }

    /** A reconciliation as the API renders it; ids as strings, times ISO-8601 UTC. */
    @Serdeable
    record ReconciliationJson(String from, String to, long transfersInLedger, long snapshots, List<String> missing,
                              List<String> mismatched, boolean truncated) {
        static ReconciliationJson of(Reconciliation r) {
            return new ReconciliationJson(r.from().toString(), r.to().toString(), r.transfersInLedger(), r.snapshots(),
                    r.missing().stream().map(UUID::toString).toList(), r.mismatched().stream().map(UUID::toString).toList(),
                    r.truncated());
        }
    }

    /** What a rebuild did. */
    @Serdeable
    record RebuildJson(String from, String to, long transfersInLedger, long added, long alreadyPresent, long refused) {
    }
}
