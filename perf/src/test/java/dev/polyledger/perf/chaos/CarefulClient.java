package dev.polyledger.perf.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * A careful client of the ledger API: it retries what has no definite answer yet, always with the SAME
 * {@code Idempotency-Key} and the same body, until the answer is definite or it gives up.
 *
 * <p>Not definite (retried): a connection error or timeout, {@code 409 IDEMPOTENCY_KEY_IN_FLIGHT} (the first
 * attempt is still running, on a node that may have died: its Redis lock expires), {@code 429}, and every
 * {@code 5xx} (NGINX's {@code 502/503/504} included). Definite: every other status, {@code 422
 * INSUFFICIENT_FUNDS} included (api-contract.md, "Idempotency": business rejections are stored and replayed).
 * Back-off: 50 ms doubling per attempt up to 2 s (or the {@code Retry-After} when smaller), with jitter; after
 * {@code giveUp} the request counts as a client-visible failure whose outcome is unknown.
 */
final class CarefulClient {

    /** An answer: {@code status} is the HTTP status, or {@link #GAVE_UP} when no definite answer came in time. */
    record Answer(int status, JsonNode body, boolean replayed, int attempts) {
        static final int GAVE_UP = -1;

        boolean definite() {
            return status != GAVE_UP;
        }

        boolean created() {
            return status == 200 || status == 201;
        }

        /** The problem+json {@code code}, or {@code ""}. */
        String code() {
            return body.path("code").asText("");
        }

        String id() {
            return body.path("id").asText("");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String baseUrl;
    private final String apiKey;
    private final Duration giveUp;
    private final Map<String, LongAdder> retries = new ConcurrentHashMap<>();

    CarefulClient(String baseUrl, String apiKey, Duration giveUp) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.giveUp = giveUp;
    }

    /** {@code POST path} with a JSON body and the given key, retried as the class says. */
    Answer post(String path, Object body, String idempotencyKey) {
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + body, e);
        }
        return send(request(path).header("Idempotency-Key", idempotencyKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** {@code GET path}, retried as the class says. */
    Answer get(String path) {
        return send(request(path).GET().build());
    }

    /** Retries by cause: {@code io}, {@code 409-in-flight}, {@code 429}, {@code 5xx}. */
    Map<String, Long> retries() {
        Map<String, Long> out = new java.util.TreeMap<>();
        retries.forEach((cause, n) -> out.put(cause, n.sum()));
        return out;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(ATTEMPT_TIMEOUT)
                .header("Authorization", "Bearer " + apiKey).header("Accept", "application/json");
    }

    private Answer send(HttpRequest request) {
        long deadline = System.nanoTime() + giveUp.toNanos();
        for (int attempt = 1; ; attempt++) {
            String cause;
            long retryAfterMs = Long.MAX_VALUE;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                JsonNode body = parse(response.body());
                int status = response.statusCode();
                if (status == 409 && "IDEMPOTENCY_KEY_IN_FLIGHT".equals(body.path("code").asText())) {
                    cause = "409-in-flight";
                } else if (status == 429) {
                    cause = "429";
                } else if (status >= 500) {
                    cause = "5xx";
                } else {
                    boolean replayed = response.headers().firstValue("Idempotent-Replayed").orElse("").equals("true");
                    return new Answer(status, body, replayed, attempt);
                }
                retryAfterMs = response.headers().firstValue("Retry-After").map(CarefulClient::seconds).orElse(Long.MAX_VALUE);
            } catch (IOException e) {
                cause = "io";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Answer(Answer.GAVE_UP, MissingNode.getInstance(), false, attempt);
            }
            if (System.nanoTime() > deadline) {
                return new Answer(Answer.GAVE_UP, MissingNode.getInstance(), false, attempt);
            }
            retries.computeIfAbsent(cause, c -> new LongAdder()).increment();
            long backoff = Math.min(Math.min(2_000, 50L << Math.min(attempt - 1, 6)), retryAfterMs);
            sleep(backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
        }
    }

    private static long seconds(String retryAfter) {
        try {
            return Long.parseLong(retryAfter.trim()) * 1_000;
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance(); // an HTML error page of a proxy: the status decides
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
