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
    /** The page of snapshots matching the query, newest first. */
    AuditPage search(AuditEventQuery query);

    /** The snapshot of the transfer's {@code transfer.posted} event; empty until the event has been recorded. */
    Optional<AuditSnapshot> transfer(UUID transferId);
}
