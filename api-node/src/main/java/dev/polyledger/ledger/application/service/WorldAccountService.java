package dev.polyledger.ledger.application.service;

import dev.polyledger.ledger.application.port.out.Accounts;
import dev.polyledger.ledger.application.port.out.CurrencyCatalog;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Makes sure every configured currency has its world account (the {@code EXTERNAL} counterpart of credits
 * and debits). Runs when a node starts; concurrent starts are harmless.
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
        currencies.all().forEach(currency -> accounts.ensureWorld(currency, now));
    }
}
