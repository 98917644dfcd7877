package dev.polyledger.ledger.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** A test client of the ledger API over real HTTP (JDK client, Jackson for reading answers). */
public final class LedgerClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public LedgerClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** An answer: status, headers and the body as JSON (null when empty or not JSON). */
    public record Answer(int status, HttpResponse<String> raw, JsonNode json) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String code() {
            return json == null || json.get("code") == null ? null : json.get("code").asText();
        }

        public String text(String field) {
            return json.get(field).asText();
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
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
        var builder = HttpRequest.newBuilder(uri(path))
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

    public Answer send(HttpRequest.Builder request) {
        try {
            var response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response, parse(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ----- ledger shortcuts -----

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

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
