package dev.polyledger.perf;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Gatling building blocks for the ledger API (contract v1, with the API key of v2 on every request:
 * {@link #protocol}). Session attributes they use:
 * {@code sourceAccountId}, {@code destinationAccountId}, {@code amount} (from {@link AccountPairs}),
 * {@code idempotencyKey} (from {@link #newIdempotencyKey()}), {@code accountId} (reads),
 * {@code requestBody} and {@code transferId} (replays, from {@link LedgerFixture.CompletedTransfer#feeder}).
 * The measured requests (transfers, replays, reads; not the verdicts) also save Gatling's response time of the
 * request in {@value #RESPONSE_TIME_MS}, for {@link LedgerSimulation#measured}.
 */
public final class LedgerRequests {

    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    /** Header of a replayed answer (api-contract.md, "Idempotency"). */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final String TRANSFER_STATUS = "transferStatus";
    /** Session attribute: Gatling's own response time of the last measured request, ms (absent without a response). */
    public static final String RESPONSE_TIME_MS = "responseTimeMs";

    /** 422 INSUFFICIENT_FUNDS answers seen by {@link Outcome#CREATED_OR_INSUFFICIENT_FUNDS} transfers. */
    public static final LongAdder INSUFFICIENT_FUNDS = new LongAdder();
    /** Transfers answered with a 5xx status (always a failed request, whatever the {@link Outcome}). */
    public static final LongAdder SERVER_ERRORS = new LongAdder();

    /** What a transfer may legitimately answer. */
    public enum Outcome {
        /** Only 201: with well-funded accounts anything else is a failure. */
        CREATED,
        /** 201, or 422 with code INSUFFICIENT_FUNDS (a business answer, counted, not a failure). */
        CREATED_OR_INSUFFICIENT_FUNDS
    }

    private LedgerRequests() {
    }

    /**
     * The HTTP protocol of every simulation: {@code baseUrl}, JSON, and {@code Authorization: Bearer apiKey} on
     * every request (api-contract.md, "Authentication and tenants"; {@link PerfConfig#apiKey()}).
     */
    public static HttpProtocolBuilder protocol(String baseUrl, String apiKey, boolean shareConnections) {
        HttpProtocolBuilder protocol = http.baseUrl(baseUrl)
                .authorizationHeader("Bearer " + apiKey)
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
                        + "\"amount\":\"#{amount}\",\"currency\":\"" + currency + "\"}"))
                .check(savedResponseTime());
    }

    /**
     * Saves Gatling's response time of the request (end minus start of the exchange, whole ms, the figure its report
     * uses) in {@value #RESPONSE_TIME_MS}. Gatling runs every check of a response, so it is saved whether or not
     * another check fails; a request that got no response (timeout, refused connection) saves nothing.
     */
    private static CheckBuilder savedResponseTime() {
        return responseTimeInMillis().saveAs(RESPONSE_TIME_MS);
    }

    /**
     * A fresh key then the transfer. {@code deepChecks} also verifies the body (status POSTED, same
     * amount): fine for smoke tests, avoided under load to keep Gatling's own CPU use low. Whatever the
     * outcome, a 5xx answer is a failed request and is counted in {@link #SERVER_ERRORS}.
     */
    public static ChainBuilder transfer(String requestName, String currency, Outcome outcome, boolean deepChecks) {
        // saved first: the checks after it may fail, the status is still counted by countOutcome
        HttpRequestActionBuilder request = postTransfer(requestName, currency).check(status().saveAs(TRANSFER_STATUS));
        if (outcome == Outcome.CREATED) {
            request = request.check(status().is(201));
            if (deepChecks) {
                request = request.check(
                        jsonPath("$.status").is("POSTED"),
                        jsonPath("$.amount").isEL("#{amount}"),
                        jsonPath("$.id").exists());
            }
        } else {
            request = request
                    .check(status().in(201, 422))
                    .checkIf((response, session) -> response.status().code() == 422)
                    .then(jsonPath("$.code").is("INSUFFICIENT_FUNDS"));
            if (deepChecks) {
                request = request.checkIf((response, session) -> response.status().code() == 201)
                        .then(jsonPath("$.status").is("POSTED"), jsonPath("$.amount").isEL("#{amount}"));
            }
        }
        return newIdempotencyKey().exec(request).exec(session -> countOutcome(session, outcome));
    }

    private static Session countOutcome(Session session, Outcome outcome) {
        if (session.contains(TRANSFER_STATUS)) {
            int status = session.getInt(TRANSFER_STATUS);
            if (status >= 500) {
                SERVER_ERRORS.increment();
            } else if (status == 422 && outcome == Outcome.CREATED_OR_INSUFFICIENT_FUNDS) {
                INSUFFICIENT_FUNDS.increment();
            }
        }
        return session.remove(TRANSFER_STATUS);
    }

    /**
     * The retry of a completed transfer: {@code POST /api/v1/transfers} with the session's
     * {@code idempotencyKey} and the very same body ({@code requestBody}). Checks what the contract
     * promises a replay ("Idempotency": the first response, plus {@code Idempotent-Replayed: true}):
     * status 201, the header, and the original transfer's {@code id} ({@code transferId}).
     */
    public static HttpRequestActionBuilder replayTransfer(String requestName) {
        return http(requestName)
                .post("/api/v1/transfers")
                .header("Idempotency-Key", "#{" + IDEMPOTENCY_KEY + "}")
                .body(StringBody("#{requestBody}"))
                .check(status().is(201), header(REPLAYED_HEADER).is("true"), jsonPath("$.id").isEL("#{transferId}"),
                        savedResponseTime());
    }

    /**
     * A verdict of the simulation's own, as a request Gatling can assert on: {@code GET /health} named
     * {@code requestName}, failed (KO, with the problem as the error message) when {@code problem} returns
     * non-null. For criteria Gatling's assertions cannot express (zero 5xx among failures, a capacity level);
     * assert {@code details(requestName).failedRequests().count().is(0L)}. Any status of /health is accepted:
     * only the verdict decides. A failed verdict is also printed, {@code [perf] verdict failed: <name>: <problem>}
     * (Gatling's error message for it reads "bodyString.find.transformOption.is(passed), failed").
     */
    public static HttpRequestActionBuilder verdict(String requestName, Supplier<String> problem) {
        return http(requestName)
                .get("/health")
                .check(status().exists(),
                        bodyString().transform(body -> {
                            String p = problem.get();
                            if (p == null) {
                                return "passed";
                            }
                            // Gatling's error message of this check does not show the value: the console does
                            System.out.printf("[perf] verdict failed: %s: %s%n", requestName, p);
                            return p;
                        }).is("passed"));
    }

    /** GET /api/v1/accounts/{accountIdAttribute}: 200 and the same id back. */
    public static HttpRequestActionBuilder getAccount(String requestName, String accountIdAttribute) {
        return http(requestName)
                .get("/api/v1/accounts/#{" + accountIdAttribute + "}")
                .check(status().is(200), jsonPath("$.id").isEL("#{" + accountIdAttribute + "}"),
                        jsonPath("$.balance").exists(), savedResponseTime());
    }

    /** GET /api/v1/accounts/{accountIdAttribute}/entries?limit=…: 200 with an items array. */
    public static HttpRequestActionBuilder listEntries(String requestName, String accountIdAttribute, int limit) {
        return http(requestName)
                .get("/api/v1/accounts/#{" + accountIdAttribute + "}/entries")
                .queryParam("limit", limit)
                .check(status().is(200), jsonPath("$.items").exists(), savedResponseTime());
    }
}
