package dev.polyledger.audit.application.port.out;

import dev.polyledger.audit.application.port.in.AuditEventQuery;
import dev.polyledger.audit.domain.AuditSnapshot;
import java.time.Instant;
import java.util.Collection;
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
     * Stores each snapshot unless one with its event id exists, in as few round trips as the store allows (one for
     * a batch of up to a few hundred). Each snapshot stands alone: one refused or already present does not keep the
     * others from being written. Two snapshots of one event id in the batch: the first is added, the second is
     * already present.
     *
     * @param snapshots the snapshots to store, at least one
     * @return one result per snapshot, in the order given
     * @throws AuditStoreUnavailableException when the store is out of reach: some snapshots may have been written
     *                                        all the same, and a retry reports them as already present
     */
    List<AddResult> addAll(List<AuditSnapshot> snapshots);

    /**
     * Snapshots of the query's tenant matching its criteria and coming after its cursor, newest first ({@code occurredAt}
     * descending at millisecond precision, then {@code eventId} descending).
     *
     * @param max how many to return at most (may exceed the query's limit, to look ahead)
     */
    List<AuditSnapshot> find(AuditEventQuery query, int max);

    /**
     * The snapshot of the transfer's {@code transfer.posted} event, when it belongs to the tenant. The tenant is part of
     * the store's filter, not checked after reading.
     */
    Optional<AuditSnapshot> findTransferPosted(String tenantId, UUID transferId);

    /**
     * The tenant's {@code transfer.posted} snapshots whose {@code occurredAt} is in {@code [from, to)} (millisecond
     * precision), in no particular order. The caller bounds the window: its cost is the number of snapshots in it.
     */
    List<AuditSnapshot> transfersPosted(String tenantId, Instant from, Instant to);

    /** The tenant's {@code transfer.posted} snapshots of the given transfers (any order; none for an unknown id). */
    List<AuditSnapshot> transfersPosted(String tenantId, Collection<UUID> transferIds);
}
