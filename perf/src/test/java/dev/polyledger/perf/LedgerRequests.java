package dev.polyledger.perf;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Gatling building blocks for the ledger API (contract v1). Session attributes they use:
 * {@code sourceAccountId}, {@code destinationAccountId}, {@code amount} (from {@link AccountPairs}),
 * {@code idempotencyKey} (from {@link #newIdempotencyKey()}), {@code accountId} (reads).
 */
public final class LedgerRequests {

    public static final String IDEMPOTENCY_KEY = "idempotencyKey";

    /** 422 INSUFFICIENT_FUNDS answers seen by {@link Outcome#CREATED_OR_INSUFFICIENT_FUNDS} transfers. */
    public static final LongAdder INSUFFICIENT_FUNDS = new LongAdder();

    /** What a transfer may legitimately answer. */
    public enum Outcome {
        /** Only 201: with well-funded accounts anything else is a failure. */
        CREATED,
        /** 201, or 422 with code INSUFFICIENT_FUNDS (a business answer, counted, not a failure). */
        CREATED_OR_INSUFFICIENT_FUNDS
    }

    private LedgerRequests() {
    }

    public static HttpProtocolBuilder protocol(String baseUrl, boolean shareConnections) {
        HttpProtocolBuilder protocol = http.baseUrl(baseUrl)
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .userAgentHeader("polyledger-perf (Gatling)")
                // warms Gatling's HTTP stack against our own health endpoint, not https://gatling.io
                .warmUp(baseUrl + "/health");
        return shareConnections ? protocol.shareConnections() : protocol;
    }

    /** Puts a fresh UUID in {@code idempotencyKey}; re-sending without this step replays the same key. */
    public static ChainBuilder newIdempotencyKey() {
        return exec(session -> session.set(IDEMPOTENCY_KEY, UUID.randomUUID().toString()));
    }

    /** POST /api/v1/transfers of {@code amount} USD from {@code sourceAccountId} to {@code destinationAccountId}, with the session's key. */
    public static HttpRequestActionBuilder postTransfer(String requestName, String currency) {
        return http(requestName)
                .post("/api/v1/transfers")
                .header("Idempotency-Key", "#{" + IDEMPOTENCY_KEY + "}")
                .body(StringBody("{\"sourceAccountId\":\"#{sourceAccountId}\",\"destinationAccountId\":\"#{destinationAccountId}\","
                        + "\"amount\":\"#{amount}\",\"currency\":\"" + currency + "\"}"));
    }

    /**
     * A fresh key then the transfer. {@code deepChecks} also verifies the body (status POSTED, same
     * amount): fine for smoke tests, avoided under load to keep Gatling's own CPU use low.
     */
    public static ChainBuilder transfer(String requestName, String currency, Outcome outcome, boolean deepChecks) {
        HttpRequestActionBuilder request = postTransfer(requestName, currency);
        if (outcome == Outcome.CREATED) {
            request = request.check(status().is(201));
            if (deepChecks) {
                request = request.check(
                        jsonPath("$.status").is("POSTED"),
                        jsonPath("$.amount").isEL("#{amount}"),
                        jsonPath("$.id").exists());
            }
            return newIdempotencyKey().exec(request);
        }
        request = request
                .check(status().in(201, 422).saveAs("transferStatus"))
                .checkIf((response, session) -> response.status().code() == 422)
                .then(jsonPath("$.code").is("INSUFFICIENT_FUNDS"));
        if (deepChecks) {
            request = request.checkIf((response, session) -> response.status().code() == 201)
                    .then(jsonPath("$.status").is("POSTED"), jsonPath("$.amount").isEL("#{amount}"));
        }
        return newIdempotencyKey().exec(request).exec(LedgerRequests::countInsufficientFunds);
    }

    private static Session countInsufficientFunds(Session session) {
        if (session.contains("transferStatus") && session.getInt("transferStatus") == 422) {
            INSUFFICIENT_FUNDS.increment();
        }
        return session.remove("transferStatus");
    }

    /** GET /api/v1/accounts/{accountIdAttribute}: 200 and the same id back. */
    public static HttpRequestActionBuilder getAccount(String requestName, String accountIdAttribute) {
        return http(requestName)
                .get("/api/v1/accounts/#{" + accountIdAttribute + "}")
                .check(status().is(200), jsonPath("$.id").isEL("#{" + accountIdAttribute + "}"),
                        jsonPath("$.balance").exists());
    }

    /** GET /api/v1/accounts/{accountIdAttribute}/entries?limit=…: 200 with an items array. */
    public static HttpRequestActionBuilder listEntries(String requestName, String accountIdAttribute, int limit) {
        return http(requestName)
                .get("/api/v1/accounts/#{" + accountIdAttribute + "}/entries")
                .queryParam("limit", limit)
                .check(status().is(200), jsonPath("$.items").exists());
    }
}
