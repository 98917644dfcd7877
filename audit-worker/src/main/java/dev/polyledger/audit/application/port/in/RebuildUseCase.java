package dev.polyledger.audit.application.port.in;

/**
 * Rebuilds the audit trail from the ledger (CQRS read-model rebuild): the {@code transfer.posted} snapshot of every
 * ledger transfer of the window that has none is written from the ledger's rows, marked {@code source: "rebuild"};
 * existing snapshots are left untouched. Idempotent: a second run over the same window adds nothing.
 *
 * <p>Throws {@link dev.polyledger.audit.application.port.out.LedgerUnavailableException} or
 * {@link dev.polyledger.audit.application.port.out.AuditStoreUnavailableException} when either side is out of reach;
 * what was written until then stays, and running again completes it.
 */
public interface RebuildUseCase {

    /** Rebuilds the window for every tenant. */
    RebuildReport rebuild(TimeWindow window);

    /**
     * What a rebuild did.
     *
     * @param window            the window rebuilt
     * @param transfersInLedger the ledger's transfers in it, all tenants
     * @param added             snapshots written now
     * @param alreadyPresent    snapshots that were there already (found by transfer, or written concurrently)
     * @param refused           snapshots the store refused for their content (logged); 0 normally
     */
    record RebuildReport(TimeWindow window, long transfersInLedger, long added, long alreadyPresent, long refused) {
    }
}
