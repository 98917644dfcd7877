package dev.polyledger.ledger.application.port.out;

import dev.polyledger.ledger.domain.TenantId;
import dev.polyledger.ledger.domain.Transfer;
import dev.polyledger.ledger.domain.TransferId;
import java.util.Optional;

/** The refund side of stored transfers: in the caller's transaction. */
public interface Refunds {

    /**
     * The transfer of {@code tenant} with its refunded amount and refunds, its row locked until the end of the
     * transaction (refunds of one transfer queue here).
     */
    Optional<Transfer> lockOriginal(TenantId tenant, TransferId id);

    /**
     * Stores the original's new refunded amount, guarded by the amount it was read with.
     *
     * @throws IllegalStateException when it changed since (a missed lock)
     */
    void recordRefunded(Transfer originalAfter, long refundedBefore);
}
