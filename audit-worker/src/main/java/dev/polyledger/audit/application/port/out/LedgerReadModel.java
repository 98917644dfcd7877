package dev.polyledger.audit.application.port.out;

import dev.polyledger.audit.domain.LedgerTransfer;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The ledger as the audit-worker reads it: the api-node's PostgreSQL tables, the source of truth the audit trail is
 * reconciled with and rebuilt from. Read only: every method runs in a read-only transaction and writes nothing.
 *
 * <p>Every method throws {@link LedgerUnavailableException} when the ledger cannot be read (unreachable, timed out).
 */
public interface LedgerReadModel {

    /** Every tenant's id, in id order. */
    List<String> tenants();

    /**
     * The tenant's transfers committed in {@code [from, to)} ({@code createdAt}), with their entries, in commit
     * order. The caller bounds the window: its cost is the number of transfers in it.
     */
    List<LedgerTransfer> transfers(String tenantId, Instant from, Instant to);

    /** Those of the given transfers that the ledger holds in the tenant, with their entries (any order). */
    List<LedgerTransfer> transfers(String tenantId, Collection<UUID> ids);

    /**
     * The conservation of money: per currency, the sum over every entry of the ledger of its signed amount (CREDIT
     * +, DEBIT −), in minor units. Every transfer has one DEBIT and one CREDIT of its amount, so each sum is 0 in a
     * healthy ledger; anything else is an imbalance.
     *
     * @return currency code → signed sum, one element per currency that has entries
     */
    Map<String, Long> conservationImbalance();
}
