package dev.polyledger.perf;

import io.gatling.javaapi.core.ChainBuilder;

import java.time.Duration;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.global;

/**
 * CI smoke test, under 15 s: 20 funded accounts, 4 users for 10 s, each looping over
 * transfer (201, body checked) + GET the source account + GET its last 20 entries.
 * Asserts: no failed request at all, and at least one request made. Only {@code LEDGER_BASE_URL}
 * (and the fixture's knobs) are read from properties; the load shape is fixed.
 */
public class SmokeSimulation extends LedgerSimulation {

    static final int ACCOUNTS = 20;
    static final int USERS = 4;
    static final Duration DURATION = Duration.ofSeconds(10);

    public SmokeSimulation() {
        super(ACCOUNTS);
        LoadModel load = LoadModel.closed(USERS, DURATION);

        ChainBuilder iteration = feed(uniformPairs(1, 100))
                .exec(measured("smoke: transfer", LedgerRequests.transfer("smoke: transfer", currency, LedgerRequests.Outcome.CREATED, true)))
                .exec(measured("smoke: get account", exec(LedgerRequests.getAccount("smoke: get account", "sourceAccountId"))))
                .exec(measured("smoke: list entries", exec(LedgerRequests.listEntries("smoke: list entries", "sourceAccountId", 20))));

        setUp(load.population("smoke", iteration))
                .protocols(httpProtocol(false))
                .assertions(
                        global().failedRequests().count().is(0L),
                        global().successfulRequests().count().gt(0L))
                .maxDuration(load.maxDuration(Duration.ofSeconds(4)));
    }
}
