package dev.polyledger.ledger.testing;

import dev.polyledger.platform.testing.HttpTestClient;
import java.net.http.HttpRequest;
import java.util.UUID;

/** A test client of the ledger API over real HTTP. */
public final class LedgerClient extends HttpTestClient {

    public LedgerClient(String baseUrl) {
        super(baseUrl);
    }

    /** POST with a fresh Idempotency-Key. */
    public Answer post(String path, String body) {
        return post(path, body, UUID.randomUUID().toString());
    }

    /** POST with the given Idempotency-Key (null: no header). */
    public Answer post(String path, String body, String idempotencyKey) {
        return post(path, body, idempotencyKey, null);
    }

    public Answer post(String path, String body, String idempotencyKey, String requestId) {
        var builder = request(path)
                .header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        if (requestId != null) {
            builder.header("X-Request-Id", requestId);
        }
        return send(builder);
    }

    /** Opens an account and returns its id. */
    public String openAccount(String currency) {
        var answer = post("/api/v1/accounts", "{\"currency\":\"" + currency + "\"}");
        if (answer.status() != 201) {
            throw new AssertionError("open account: " + answer);
        }
        return answer.text("id");
    }

    /** Credits an account from the world account. */
    public Answer credit(String accountId, String amount) {
        return post("/api/v1/accounts/" + accountId + "/credits", "{\"amount\":\"" + amount + "\"}");
    }

    public static String transferBody(String source, String destination, String amount, String currency) {
        return "{\"sourceAccountId\":\"" + source + "\",\"destinationAccountId\":\"" + destination
                + "\",\"amount\":\"" + amount + "\",\"currency\":\"" + currency + "\"}";
    }

    public String balance(String accountId) {
        return get("/api/v1/accounts/" + accountId).text("balance");
    }
}
