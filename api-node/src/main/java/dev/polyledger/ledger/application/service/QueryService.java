package dev.polyledger.ledger.application.service;

import dev.polyledger.ledger.application.port.in.LedgerQueries;
import dev.polyledger.ledger.application.port.out.Accounts;
import dev.polyledger.ledger.application.port.out.Entries;
import dev.polyledger.ledger.application.port.out.Transfers;
import dev.polyledger.ledger.domain.Account;
import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.ChainVerification;
import dev.polyledger.ledger.domain.TenantId;
import dev.polyledger.ledger.domain.Transfer;
import dev.polyledger.ledger.domain.TransferId;
import dev.polyledger.ledger.domain.ValidationException;
import jakarta.inject.Singleton;
import dev.polyledger.ledger.domain.Entry;
import java.util.List;
import java.util.Optional;

/** Reads straight from the committed state; no transaction is needed for a single-statement read. */
@Singleton
public class QueryService implements LedgerQueries {
    /** Entries read per statement while verifying a chain. */
    static final int VERIFICATION_PAGE = 1_000;

    private final Accounts accounts;
    private final Transfers transfers;
    private final Entries entries;

    public QueryService(Accounts accounts, Transfers transfers, Entries entries) {
        this.accounts = accounts;
        this.transfers = transfers;
        this.entries = entries;
    }

    @Override
    public Optional<Account> account(TenantId tenant, AccountId id) {
        return accounts.find(tenant, id);
    }

    @Override
    public Optional<Transfer> transfer(TenantId tenant, TransferId id) {
        return transfers.find(tenant, id);
    }

    @Override
    public Optional<EntryPage> entries(TenantId tenant, AccountId id, int limit, Long beforeVersion) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new ValidationException("limit", "limit must be 1.." + MAX_PAGE_SIZE);
        }
        if (accounts.currencyCodeOf(tenant, id).isEmpty()) {
            return Optional.empty();
        }
        var page = entries.page(tenant, id, limit + 1, beforeVersion);
        if (page.size() <= limit) {
            return Optional.of(new EntryPage(page, null));
        }
        var items = page.subList(0, limit);
        return Optional.of(new EntryPage(items, items.get(limit - 1).accountVersion()));
    }

    @Override
    public Optional<ChainVerification> verification(TenantId tenant, AccountId id) {
        // The account first: every entry up to its version committed with it (or before), so the entries read
        // after it, up to that version, are the whole chain whose head it holds, whatever is posted meanwhile.
        return accounts.find(tenant, id).map(account -> {
            var verifier = new ChainVerification.Verifier(account);
            List<Entry> page;
            do {
                page = entries.ascending(tenant, id, verifier.lastVersion(), account.version(), VERIFICATION_PAGE);
                page.forEach(verifier::accept);
            } while (page.size() == VERIFICATION_PAGE);
            return verifier.result();
        });
    }
}
