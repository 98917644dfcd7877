package dev.polyledger.audit.application.port.out;

import dev.polyledger.audit.application.port.in.AuditEventQuery;
import dev.polyledger.audit.domain.AuditSnapshot;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The stored audit snapshots, one per event id.
 *
 * <p>Every method throws {@link AuditStoreUnavailableException} when the store is out of reach.
 */
public interface AuditRecords {
    /**
     * Stores the snapshot unless one with its event id exists.
     *
     * @return true when stored now, false when a snapshot of this event id was stored before (left unchanged)
     * @throws UnstorableSnapshotException when the store refuses this snapshot for its content (retrying is useless)
     */
    boolean add(AuditSnapshot snapshot);

    /**
     * Snapshots matching the query's criteria and coming after its cursor, newest first ({@code occurredAt}
     * descending at millisecond precision, then {@code eventId} descending).
     *
     * @param max how many to return at most (may exceed the query's limit, to look ahead)
     */
    List<AuditSnapshot> find(AuditEventQuery query, int max);

    /** The snapshot of the transfer's {@code transfer.posted} event. */
    Optional<AuditSnapshot> findTransferPosted(UUID transferId);
}
