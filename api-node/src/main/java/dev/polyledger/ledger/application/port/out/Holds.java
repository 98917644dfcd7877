package dev.polyledger.ledger.application.port.out;

import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.Hold;
import dev.polyledger.ledger.domain.TenantId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The stored holds. Every method runs in the caller's transaction; locks ({@code FOR UPDATE}) last until it ends.
 */
public interface Holds {

    /** The hold of {@code tenant}, unlocked; empty when it does not exist in that tenant. */
    Optional<Hold> find(TenantId tenant, UUID id);

    /** The hold of {@code tenant}, locked until the end of the transaction. */
    Optional<Hold> lock(TenantId tenant, UUID id);

    /**
     * The pending holds (of every tenant) whose {@code expiresAt} is at or before {@code now}, soonest first, at most
     * {@code limit}, locked; holds locked by another transaction are skipped ({@code SKIP LOCKED}), so that several
     * sweepers share the work and none expires a hold twice.
     */
    List<Hold> lockDue(Instant now, int limit);

    /**
     * The holds with {@code account} as source, newest first.
     *
     * @param status only holds in this state (as stored); null for all
     * @param after  the id of the last hold of the previous page; null for the first page
     */
    List<Hold> bySource(TenantId tenant, AccountId account, Hold.Status status, int limit, UUID after);

    /** Inserts new holds. */
    void insertAll(Collection<Hold> holds);

    /**
     * Stores changed holds, each guarded by the version before it ({@code version - 1}).
     *
     * @throws IllegalStateException when a hold is no longer at that version (a missed lock)
     */
    void updateAll(Collection<Hold> holds);
}
