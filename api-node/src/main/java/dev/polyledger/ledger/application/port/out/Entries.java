package dev.polyledger.ledger.application.port.out;

import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.Entry;
import dev.polyledger.ledger.domain.TenantId;
import java.util.List;

/** Read access to an account's entries. */
public interface Entries {

    /**
     * Up to {@code limit} entries of an account whose account version is below {@code beforeVersion}
     * (all when null), ordered by account version descending, i.e. newest first.
     */
    List<Entry> page(TenantId tenant, AccountId accountId, int limit, Long beforeVersion);

    /**
     * Up to {@code limit} entries of an account whose account version is above {@code afterVersion} and at most
     * {@code upToVersion}, ordered by account version ascending, i.e. oldest first (for walking its hash chain page
     * by page).
     */
    List<Entry> ascending(TenantId tenant, AccountId accountId, long afterVersion, long upToVersion, int limit);
}
