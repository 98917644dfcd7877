package dev.polyledger.perf;

import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.util.List;

/**
 * Base of the ledger simulations: base URL, funded accounts prepared by {@link LedgerFixture} in
 * {@link #before()} (so account creation is never measured), and access to them for feeders.
 * Subclasses build their scenarios and call {@code setUp(...)} in their constructor; feeders must
 * read the accounts lazily through {@link #accounts()} (see {@link AccountPairs}).
 */
public abstract class LedgerSimulation extends Simulation {

    protected final String baseUrl = PerfConfig.baseUrl();
    protected final String currency = PerfConfig.string("currency", "USD");
    private final int accountCount;
    private volatile List<String> accounts = List.of();

    protected LedgerSimulation(int accountCount) {
        this.accountCount = accountCount;
    }

    @Override
    public void before() {
        System.out.printf("[perf] %s against %s%n", getClass().getSimpleName(), baseUrl);
        accounts = LedgerFixture.fromConfig(baseUrl, accountCount).ensureAccounts();
        // perf/run starts its CPU and wait-event sampling on this line: the fixture is not measured.
        System.out.printf("[perf] load starts (%,d accounts ready)%n", accounts.size());
        System.out.flush();
    }

    @Override
    public void after() {
        // perf/run stops its sampling on this line.
        System.out.println("[perf] load finished");
        System.out.flush();
        long insufficient = LedgerRequests.INSUFFICIENT_FUNDS.sum();
        if (insufficient > 0) {
            System.out.printf("[perf] %,d transfers answered 422 INSUFFICIENT_FUNDS (counted as OK)%n", insufficient);
        }
    }

    /** The funded account ids; empty until {@link #before()} ran. */
    protected List<String> accounts() {
        return accounts;
    }

    protected int accountCount() {
        return accountCount;
    }

    /** Transfer parameters between two different random funded accounts, 0.01..1.00 by default. */
    protected AccountPairs uniformPairs(long minCents, long maxCents) {
        return AccountPairs.uniform(this::accounts, minCents, maxCents);
    }

    protected HttpProtocolBuilder httpProtocol(boolean shareConnections) {
        return LedgerRequests.protocol(baseUrl, shareConnections);
    }
}
