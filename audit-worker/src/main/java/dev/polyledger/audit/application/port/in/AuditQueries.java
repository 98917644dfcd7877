package dev.polyledger.audit.application.port.in;

import dev.polyledger.audit.domain.AuditSnapshot;
import java.util.Optional;
import java.util.UUID;

/**
 * The read side of the audit trail.
 *
 * <p>Both methods throw {@link dev.polyledger.audit.application.port.out.AuditStoreUnavailableException} when
 * the store is out of reach.
 */
public interface AuditQueries {
    /** The page of the query's tenant's snapshots matching the query, newest first. */
    AuditPage search(AuditEventQuery query);

    /**
     * The snapshot of the transfer's {@code transfer.posted} event in the tenant; empty until the event has been
     * recorded, and for a transfer of another tenant (which is not told apart from an unknown one).
     */
    Optional<AuditSnapshot> transfer(String tenantId, UUID transferId);
}
