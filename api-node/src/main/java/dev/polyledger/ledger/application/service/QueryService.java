package dev.polyledger.ledger.application.service;

import dev.polyledger.ledger.application.port.in.LedgerQueries;
import dev.polyledger.ledger.application.port.out.Accounts;
import dev.polyledger.ledger.application.port.out.Entries;
import dev.polyledger.ledger.application.port.out.Transfers;
import dev.polyledger.ledger.domain.Account;
import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.TenantId;
import dev.polyledger.ledger.domain.Transfer;
import dev.polyledger.ledger.domain.TransferId;
import dev.polyledger.ledger.domain.ValidationException;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Reads straight from the committed state; no transaction is needed for a single-statement read. */
@Singleton
public class QueryService implements LedgerQueries {
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
}
