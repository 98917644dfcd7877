package dev.polyledger.audit.application.port.in;

import dev.polyledger.audit.domain.Reconciliation;
import java.util.List;
import java.util.Map;

/**
 * Reconciles the audit trail (MongoDB) with the ledger (PostgreSQL), the ledger being the truth (api-contract.md,
 * "Integrity: the hash chain (v2)").
 *
 * <p>Every method throws {@link dev.polyledger.audit.application.port.out.LedgerUnavailableException} or
 * {@link dev.polyledger.audit.application.port.out.AuditStoreUnavailableException} when either side is out of reach.
 */
public interface ReconcileUseCase {

    /** The tenant's transfers and {@code transfer.posted} snapshots of the window, compared. */
    Reconciliation reconcile(String tenantId, TimeWindow window);

    /** Every tenant's id (to reconcile them all). */
    List<String> tenants();

    /** Per currency, the signed sum of every entry of the ledger in minor units: 0 when money is conserved. */
    Map<String, Long> conservationImbalance();
}
