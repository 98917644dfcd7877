package dev.polyledger.ledger.application.service;

import dev.polyledger.ledger.application.port.in.BalanceQueries;
import dev.polyledger.ledger.application.port.out.Accounts;
import dev.polyledger.ledger.application.port.out.BalanceHistory;
import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.Money;
import dev.polyledger.ledger.domain.TenantId;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;

/**
 * Point-in-time balances: the account (for its tenant and currency) and one index lookup of its last entry at or
 * before the instant ({@link BalanceHistory}).
 */
@Singleton
public class BalanceService implements BalanceQueries {
    private final Accounts accounts;
    private final BalanceHistory history;

    public BalanceService(Accounts accounts, BalanceHistory history) {
        this.accounts = accounts;
        this.history = history;
    }

    @Override
    public Optional<Balance> asOf(TenantId tenant, AccountId id, Instant asOf) {
        return accounts.find(tenant, id).map(account -> history.at(tenant, id, asOf)
                .map(point -> new Balance(id, asOf, new Money(point.balance(), account.currency()), point.version(), null, null))
                .orElseGet(() -> new Balance(id, asOf, Money.zero(account.currency()), 0, null, null)));
    }
}
