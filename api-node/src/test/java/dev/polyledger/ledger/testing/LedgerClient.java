package dev.polyledger.ledger.testing;

import dev.polyledger.platform.testing.HttpTestClient;
import java.net.http.HttpRequest;
import java.util.UUID;

/**
 * A test client of the ledger API over real HTTP. Every request carries {@code Authorization: Bearer <key>}: the
 * operator key of the integration tests ({@link #OPERATOR_KEY}, tenant {@code default}) unless another key is
 * given.
 */
public final class LedgerClient extends HttpTestClient {
    /** The operator key the api-node is started with in the integration tests ({@code application-test.yml}). */
    public static final String OPERATOR_KEY = "plk_operator-key-of-the-api-node-integration-tests";

    private final String baseUrl;
    private final String apiKey;

    public LedgerClient(String baseUrl) {
        this(baseUrl, OPERATOR_KEY);
    }

    /** A client that sends {@code apiKey} (none when null). */
    public LedgerClient(String baseUrl, String apiKey) {
        super(baseUrl);
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    /** The same API with another key (none when null). */
    public LedgerClient withKey(String otherKey) {
        return new LedgerClient(baseUrl, otherKey);
    }

    @Override
    public HttpRequest.Builder request(String path) {
        var builder = super.request(path);
        if (apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        return builder;
    }

    /**
     * Creates a tenant with the operator key and returns a client of it (its first key holds every scope).
     */
    public LedgerClient newTenant(String name) {
        var answer = post("/api/v1/tenants", "{\"name\":\"" + name + "\"}");
        if (answer.status() != 201) {
            throw new AssertionError("create tenant: " + answer);
        }
        return withKey(answer.json().get("apiKey").get("key").asText());
    }

    /** Creates a key of this client's tenant with the given scopes (e.g. {@code "ledger:read"}) and returns it. */
    public String newKey(String... scopes) {
        var list = new StringBuilder();
        for (String scope : scopes) {
            list.append(list.length() == 0 ? "" : ",").append('"').append(scope).append('"');
        }
        var answer = post("/api/v1/api-keys", "{\"name\":\"test\",\"scopes\":[" + list + "]}");
        if (answer.status() != 201) {
            throw new AssertionError("create key: " + answer);
        }
        return answer.text("key");
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
