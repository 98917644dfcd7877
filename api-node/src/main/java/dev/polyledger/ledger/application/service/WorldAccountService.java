package dev.polyledger.ledger.application.service;

import dev.polyledger.ledger.application.port.out.Accounts;
import dev.polyledger.ledger.application.port.out.CurrencyCatalog;
import dev.polyledger.ledger.domain.TenantId;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Makes sure every configured currency has its world account (the {@code EXTERNAL} counterpart of credits
 * and debits) in the {@link TenantId#DEFAULT default} tenant. Runs when a node starts; concurrent starts are
 * harmless. Other tenants get theirs with their first account of a currency ({@link AccountService}).
 */
@Singleton
public class WorldAccountService {
    private final Accounts accounts;
    private final CurrencyCatalog currencies;
    private final Clock clock;

    public WorldAccountService(Accounts accounts, CurrencyCatalog currencies, Clock clock) {
        this.accounts = accounts;
        this.currencies = currencies;
        this.clock = clock;
    }

    public void ensureWorldAccounts() {
        var now = LedgerTime.now(clock);
        currencies.all().forEach(currency -> accounts.ensureWorld(TenantId.DEFAULT, currency, now));
    }
}
