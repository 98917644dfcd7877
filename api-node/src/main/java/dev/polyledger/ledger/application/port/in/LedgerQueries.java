package dev.polyledger.ledger.application.port.in;

import dev.polyledger.ledger.domain.Account;
import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.ChainVerification;
import dev.polyledger.ledger.domain.Entry;
import dev.polyledger.ledger.domain.TransferId;
import dev.polyledger.ledger.domain.TenantId;
import dev.polyledger.ledger.domain.Transfer;
import java.util.List;
import java.util.Optional;

/**
 * Reads of one tenant's ledger; strongly consistent (they read the primary's committed state). Another tenant's
 * account or transfer is absent, exactly like an unknown id.
 */
public interface LedgerQueries {
    int MAX_PAGE_SIZE = 500;

    Optional<Account> account(TenantId tenant, AccountId id);

    Optional<Transfer> transfer(TenantId tenant, TransferId id);

    /**
     * A page of an account's entries, newest first.
     *
     * @param limit         1..{@value #MAX_PAGE_SIZE}
     * @param beforeVersion continue below this account version (from {@link EntryPage#nextBeforeVersion}); null for the first page
     * @return empty when the account does not exist
     */
    Optional<EntryPage> entries(TenantId tenant, AccountId id, int limit, Long beforeVersion);

    /**
     * Recomputes the account's hash chain from its stored entries, oldest first, page by page (constant memory),
     * up to the account's version as read first; also checks that the account's head hash is its last entry's hash.
     *
     * @return empty when the account does not exist
     */
    Optional<ChainVerification> verification(TenantId tenant, AccountId id);

    /**
     * @param items             entries, newest first
     * @param nextBeforeVersion where the next page starts, or null when this is the last page
     */
    record EntryPage(List<Entry> items, Long nextBeforeVersion) {
    }
}
