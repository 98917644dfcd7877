package dev.polyledger.platform.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * A test client of a service's HTTP API over real HTTP (the JDK client; Jackson reads the answers). Each suite
 * extends it with the calls of its own API. With {@link #useApiKey} every request carries
 * {@code Authorization: Bearer <key>} (see {@code TestTenants} for making one); {@link #requestAs} sends one request
 * with another key, or none.
 */
public class HttpTestClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private volatile String apiKey;

    public HttpTestClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public HttpTestClient(String baseUrl, String apiKey) {
        this(baseUrl);
        this.apiKey = apiKey;
    }

    /** Sends {@code key} as the bearer key of every later request ({@code null}: none); returns this client. */
    public HttpTestClient useApiKey(String key) {
        this.apiKey = key;
        return this;
    }

    /** The bearer key sent with every request, or null. */
    public String apiKey() {
        return apiKey;
    }

    /** An answer: status, headers and the body as JSON (null when empty or not JSON). */
    public record Answer(int status, HttpResponse<String> raw, JsonNode json) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /** The problem's stable {@code code}, or null. */
        public String code() {
            return text("code");
        }

        /** A top-level field as text, or null when absent or null. */
        public String text(String field) {
            return json == null || json.get(field) == null || json.get(field).isNull() ? null : json.get(field).asText();
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    public Answer get(String path) {
        return send(request(path).GET());
    }

    /** GETs the path until the answer satisfies the condition or {@code within} passes; returns the last answer. */
    public Answer awaitGet(String path, Predicate<Answer> until, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        Answer answer = get(path);
        while (!until.test(answer) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return answer;
            }
            answer = get(path);
        }
        return answer;
    }

    /** A request builder for a path of the service, with the client's API key when it has one. */
    public HttpRequest.Builder request(String path) {
        return requestAs(path, apiKey);
    }

    /** A request builder for a path of the service sending {@code key} as its bearer key ({@code null}: none). */
    public HttpRequest.Builder requestAs(String path, String key) {
        var builder = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        return builder;
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
