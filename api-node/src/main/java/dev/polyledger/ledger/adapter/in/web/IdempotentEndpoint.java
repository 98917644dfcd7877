package dev.polyledger.ledger.adapter.in.web;

import dev.polyledger.ledger.application.port.in.ExecuteIdempotently;
import dev.polyledger.ledger.application.port.in.IdempotencyKey;
import dev.polyledger.ledger.application.port.in.IdempotentRequest;
import dev.polyledger.ledger.application.port.in.RecordedResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import dev.polyledger.platform.http.PlatformProblem;
import dev.polyledger.platform.http.ApiException;
import dev.polyledger.platform.http.IdempotencyKeys;
import dev.polyledger.platform.http.Problem;
import java.util.HexFormat;
import java.util.Set;
import dev.polyledger.ledger.domain.AccountId;
import java.util.function.Supplier;

/**
 * The HTTP side of idempotency (IETF draft-ietf-httpapi-idempotency-key-header): validates the
 * {@code Idempotency-Key} header, fingerprints the request, runs it through {@link ExecuteIdempotently},
 * and answers replays with {@code Idempotent-Replayed: true}.
 *
 * <p>Metric {@code ledger.idempotency.replays} (Prometheus {@code ledger_idempotency_replays_total}) counts the
 * replayed responses by tag {@code source}: {@code cache} (Redis, no database work) or {@code store} (PostgreSQL).
 */
@Singleton
class IdempotentEndpoint {
    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final ExecuteIdempotently idempotently;
    private final JsonBodies bodies;
    private final Counter replaysFromCache;
    private final Counter replaysFromStore;

    IdempotentEndpoint(ExecuteIdempotently idempotently, JsonBodies bodies, MeterRegistry meters) {
        this.idempotently = idempotently;
        this.bodies = bodies;
        this.replaysFromCache = replays(meters, "cache");
        this.replaysFromStore = replays(meters, "store");
    }

    private static Counter replays(MeterRegistry meters, String source) {
        return Counter.builder("ledger.idempotency.replays").tag("source", source)
                .description("responses replayed for a repeated Idempotency-Key, by where the record came from")
                .register(meters);
    }

    /**
     * The request's idempotency key, by the platform's rule ({@link IdempotencyKeys}: 1..255 printable ASCII
     * characters, neither starting nor ending with a space; refused, never trimmed or folded). Netty's own header
     * check is off ({@code micronaut.server.netty.validate-headers}) so that a control character gets that answer
     * instead of a bare 400.
     *
     * @throws ApiException {@code 400 IDEMPOTENCY_KEY_MISSING} without the header; {@code 400
     *                      IDEMPOTENCY_KEY_INVALID} for two headers or a value outside the rule
     */
    String requireKey(HttpRequest<?> request) {
        return IdempotencyKeys.require(request);
    }

    /**
     * Runs {@code operation} at most once for the key; it executes inside the serializable transaction
     * that records its response.
     */
    HttpResponse<String> execute(HttpRequest<?> request, String key, String body, Supplier<RecordedResponse> operation) {
        return execute(request, key, body, Set.of(), operation);
    }

    /**
     * As {@link #execute(HttpRequest, String, String, Supplier)}, queued behind the other writers of
     * {@code accounts} (the accounts the operation changes).
     */
    HttpResponse<String> execute(HttpRequest<?> request, String key, String body, Set<AccountId> accounts,
                                 Supplier<RecordedResponse> operation) {
        var idempotentRequest = new IdempotentRequest(new IdempotencyKey(Callers.tenant(request), key),
                fingerprint(request, body), accounts);
        var result = idempotently.execute(idempotentRequest, operation);
        if (result instanceof ExecuteIdempotently.Result.KeyReused) {
            throw PlatformProblem.IDEMPOTENCY_KEY_REUSED.exception(
                    "this Idempotency-Key was first used with a different method, path or body");
        }
        if (result instanceof ExecuteIdempotently.Result.InFlight inFlight) {
            throw new ApiException(PlatformProblem.IDEMPOTENCY_KEY_IN_FLIGHT.problem(
                    "the first request with this Idempotency-Key is still being processed"), inFlight.retryAfterSeconds());
        }
        var completed = (ExecuteIdempotently.Result.Completed) result;
        var response = respond(completed.response());
        if (completed.replayed()) {
            response.header(REPLAYED_HEADER, "true");
            (completed.source() == ExecuteIdempotently.Result.Source.CACHE ? replaysFromCache : replaysFromStore).increment();
        }
        return response;
    }

    /** A recorded response as HTTP: JSON for success, problem+json for refusals. */
    static io.micronaut.http.MutableHttpResponse<String> respond(RecordedResponse recorded) {
        var contentType = recorded.status() < 400 ? MediaType.APPLICATION_JSON_TYPE : Problem.MEDIA_TYPE;
        return HttpResponse.<String>status(HttpStatus.valueOf(recorded.status()))
                .contentType(contentType)
                .body(recorded.body());
    }

    /**
     * SHA-256 over the method, the path and the canonical form of the request ({@link JsonBodies#canonical}):
     * pass the parsed request record (what is booked) rather than the body text where there is one; a body text
     * is canonicalised with the same strict parser that {@link JsonBodies#read} used.
     */
    private String fingerprint(HttpRequest<?> request, Object body) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update(request.getMethodName().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) ' ');
            digest.update(request.getPath().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
            digest.update(bodies.canonical(body).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
