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
import dev.polyledger.platform.http.ApiException;
import dev.polyledger.platform.http.Problem;
import java.util.HexFormat;
import java.util.Set;
import dev.polyledger.ledger.domain.AccountId;
import java.util.function.Supplier;
import java.util.regex.Pattern;

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
    static final String KEY_HEADER = "Idempotency-Key";
    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    /**
     * 1..255 printable ASCII characters (api-contract.md, "Idempotency"), neither starting nor ending with a space:
     * {@code "  k  "} is refused rather than trimmed, so that it and {@code "k"} are never silently one key.
     */
    static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E](?:[\\x20-\\x7E]{0,253}[\\x21-\\x7E])?");

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
     * The request's idempotency key: the header's field value, 1..255 printable ASCII characters (U+0020..U+007E)
     * that neither start nor end with a space. White space around a field value is not part of it in HTTP (RFC 9110
     * section 5.5: NGINX and Netty drop it before this method runs), so {@code Idempotency-Key:   k  } is the key
     * {@code k}; inside a key a space is kept and significant. Nothing else is trimmed or folded: a control
     * character ({@code \x01}, {@code \x7f}, a tab inside the key) or a non-ASCII character is refused, never
     * normalised into another key. Netty's own header check is off ({@code micronaut.server.netty.validate-headers})
     * so that such a key gets this answer instead of a bare 400.
     *
     * @throws ApiException {@code 400 IDEMPOTENCY_KEY_MISSING} without the header; {@code 400
     *                      IDEMPOTENCY_KEY_INVALID} for two headers or a value outside the rule
     */
    String requireKey(HttpRequest<?> request) {
        var values = request.getHeaders().getAll(KEY_HEADER);
        if (values.isEmpty()) {
            throw ErrorCode.IDEMPOTENCY_KEY_MISSING.exception("every POST needs an Idempotency-Key header");
        }
        if (values.size() > 1 || !VALID_KEY.matcher(values.get(0)).matches()) {
            throw ErrorCode.IDEMPOTENCY_KEY_INVALID.exception(
                    "Idempotency-Key must be one header of 1 to 255 printable ASCII characters, without leading or trailing space");
        }
        return values.get(0);
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
            throw ErrorCode.IDEMPOTENCY_KEY_REUSED.exception(
                    "this Idempotency-Key was first used with a different method, path or body");
        }
        if (result instanceof ExecuteIdempotently.Result.InFlight inFlight) {
            throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_IN_FLIGHT.problem(
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
