package dev.polyledger.audit.testing;

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

/** A test client of the audit API over real HTTP (JDK client, Jackson for reading answers). */
public final class AuditClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public AuditClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** An answer: status, headers and the body as JSON (null when empty or not JSON). */
    public record Answer(int status, HttpResponse<String> raw, JsonNode json) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String code() {
            return json == null || json.get("code") == null ? null : json.get("code").asText();
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    public Answer get(String path) {
        return get(path, null);
    }

    public Answer get(String path, String requestId) {
        var builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20)).GET();
        if (requestId != null) {
            builder.header("X-Request-Id", requestId);
        }
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = response.body().isEmpty() ? null : JSON.readTree(response.body());
            } catch (IOException e) {
                // not JSON
            }
            return new Answer(response.statusCode(), response, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GETs the path until the answer satisfies the condition; the last answer (fails the caller's check) otherwise. */
    public Answer awaitGet(String path, Predicate<Answer> until, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        Answer answer = get(path);
        while (!until.test(answer) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return answer;
            }
            answer = get(path);
        }
        return answer;
    }
}
