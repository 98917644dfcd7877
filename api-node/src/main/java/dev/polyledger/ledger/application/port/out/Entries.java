package dev.polyledger.ledger.application.port.out;

import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.Entry;
import dev.polyledger.ledger.domain.TenantId;
import java.util.List;

/** Read access to an account's entries, newest first. */
public interface Entries {

    /**
     * Up to {@code limit} entries of an account whose account version is below {@code beforeVersion}
     * (all when null), ordered by account version descending, i.e. newest first.
     */
    List<Entry> page(TenantId tenant, AccountId accountId, int limit, Long beforeVersion);
}
