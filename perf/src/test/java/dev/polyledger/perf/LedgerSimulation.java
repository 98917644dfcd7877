package dev.polyledger.perf;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;

/**
 * Base of the ledger simulations: base URL, API key ({@link PerfConfig#apiKey()}, on every request), funded accounts prepared by {@link LedgerFixture} in
 * {@link #before()} (so account creation is never measured), and access to them for feeders.
 * Subclasses build their scenarios and call {@code setUp(...)} in their constructor; feeders must
 * read the accounts lazily through {@link #accounts()} (see {@link AccountPairs}).
 *
 * <p>Console markers that perf/run reads: {@code [perf] load starts} once the fixture (and
 * {@link #prepare(LedgerFixture)}) is done, {@code [perf] load finished} in {@link #after()}; perf/run samples
 * CPU, wait events and counters between the two.
 *
 * <p>Request statistics: every request a subclass runs through {@link #measured} (the transfers of
 * {@link #transferStep}, replays, reads; not the verdict requests) is also recorded in a {@link RequestStats}, which
 * {@link #after()} writes as JSON to the file of the property {@code statsFile} (nothing when it is unset): the
 * figures of Gatling's report (per request name and All Requests: total, OK, KO, % KO, p50/p75/p95/p99, max, mean,
 * in ms; the error messages) in a form scripts read (perf/run, perf/webhooks).
 */
public abstract class LedgerSimulation extends Simulation {

    /** Session attribute: when the measured request was sent ({@link System#nanoTime()}). */
    private static final String SENT_AT = "measuredSentAt";

    protected final String baseUrl = PerfConfig.baseUrl();
    /** Checked when the simulation is built: without a key it stops before Gatling starts, with a clear message. */
    protected final String apiKey = PerfConfig.apiKey();
    protected final String currency = PerfConfig.string("currency", "USD");
    private final int accountCount;
    private volatile List<String> accounts = List.of();
    private final RequestStats requestStats = new RequestStats();
    private final String statsFile = PerfConfig.string("statsFile", null);

    protected LedgerSimulation(int accountCount) {
        this.accountCount = accountCount;
        FailedRequestLog.listen(requestStats);
    }

    /** The property {@code accounts} funded accounts, default 10,000 (issue 5: "10,000 funded accounts"). */
    protected LedgerSimulation() {
        this(PerfConfig.integer("accounts", 10_000));
    }

    @Override
    public void before() {
        System.out.printf("[perf] %s against %s%n", getClass().getSimpleName(), baseUrl);
        LedgerFixture fixture = LedgerFixture.fromConfig(baseUrl, apiKey, accountCount);
        accounts = fixture.ensureAccounts();
        prepare(fixture);
        // perf/run starts its CPU and wait-event sampling on this line: the fixture is not measured.
        System.out.printf("[perf] load starts (%,d accounts ready)%n", accounts.size());
        System.out.flush();
    }

    /** More unmeasured setup once the accounts exist (e.g. the transfers a replay re-sends); none by default. */
    protected void prepare(LedgerFixture fixture) {
    }

    @Override
    public void after() {
        // perf/run stops its sampling on this line.
        System.out.println("[perf] load finished");
        long insufficient = LedgerRequests.INSUFFICIENT_FUNDS.sum();
        if (insufficient > 0) {
            System.out.printf("[perf] %,d transfers answered 422 INSUFFICIENT_FUNDS (counted as OK)%n", insufficient);
        }
        long serverErrors = LedgerRequests.SERVER_ERRORS.sum();
        if (serverErrors > 0) {
            System.out.printf("[perf] %,d transfers answered 5xx%n", serverErrors);
        }
        if (statsFile != null) {
            Path file = Path.of(statsFile).toAbsolutePath();
            try {
                requestStats.write(file, getClass().getSimpleName());
                System.out.println("[perf] request statistics written to " + file);
            } catch (IOException e) {
                // reported, not thrown: the subclasses' own after() (the stairs' summary) still has to run
                System.out.println("[perf] could not write the request statistics to " + file + ": " + e);
            }
        }
        System.out.flush();
    }

    /**
     * {@code chain}, holding one measured request named {@code requestName} (one whose checks save
     * {@link LedgerRequests#RESPONSE_TIME_MS}), recorded in the run's request statistics once it ended: its response
     * time (Gatling's; without a response, the time from the start of {@code chain} to its end) and whether it
     * failed. The session's failed flag is cleared before the request, so a closed-model user's earlier failure does
     * not count against it. A request still in flight when Gatling stops counting (a stairs' stopLoadGenerator) may be
     * recorded here and not in Gatling's report.
     */
    protected ChainBuilder measured(String requestName, ChainBuilder chain) {
        return exec(session -> session.markAsSucceeded().remove(LedgerRequests.RESPONSE_TIME_MS).set(SENT_AT, System.nanoTime()))
                .exec(chain)
                .exec(session -> record(requestName, session));
    }

    private Session record(String requestName, Session session) {
        long ms = session.contains(LedgerRequests.RESPONSE_TIME_MS)
                ? session.getInt(LedgerRequests.RESPONSE_TIME_MS)
                : (System.nanoTime() - session.getLong(SENT_AT)) / 1_000_000L;
        requestStats.record(requestName, ms, !session.isFailed());
        return session.removeAll(LedgerRequests.RESPONSE_TIME_MS, SENT_AT);
    }

    /** The funded account ids; empty until {@link #before()} ran. */
    protected List<String> accounts() {
        return accounts;
    }

    protected int accountCount() {
        return accountCount;
    }

    /** Transfer parameters between two different random funded accounts, amounts in cents (1..100 = 0.01..1.00). */
    protected AccountPairs uniformPairs(long minCents, long maxCents) {
        return AccountPairs.uniform(this::accounts, minCents, maxCents);
    }

    /** {@link #uniformPairs} with the amount range of the properties {@code minCents} (1) and {@code maxCents} (100). */
    protected AccountPairs uniformPairs() {
        return uniformPairs(minCents(), maxCents());
    }

    /** {@link AccountPairs#merchant}: {@code merchantShare} (0..1) of the transfers credit the first account. */
    protected AccountPairs merchantPairs(double merchantShare) {
        return AccountPairs.merchant(this::accounts, merchantShare, minCents(), maxCents());
    }

    private static long minCents() {
        return PerfConfig.integer("minCents", 1);
    }

    private static long maxCents() {
        return PerfConfig.integer("maxCents", 100);
    }

    /** One transfer with a fresh key between the pair {@code pairs} feeds; 201 expected (funded accounts); {@link #measured}. */
    protected ChainBuilder transferStep(String requestName, AccountPairs pairs) {
        return feed(pairs).exec(measured(requestName,
                LedgerRequests.transfer(requestName, currency, LedgerRequests.Outcome.CREATED, false)));
    }

    protected HttpProtocolBuilder httpProtocol(boolean shareConnections) {
        return LedgerRequests.protocol(baseUrl, apiKey, shareConnections);
    }
}
