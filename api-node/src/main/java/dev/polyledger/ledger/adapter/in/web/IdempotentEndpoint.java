package dev.polyledger.ledger.adapter.in.web;

import dev.polyledger.ledger.application.port.in.ExecuteIdempotently;
import dev.polyledger.ledger.domain.IdempotencyKey;
import dev.polyledger.ledger.application.port.in.IdempotentRequest;
import dev.polyledger.ledger.domain.RecordedAnswer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import dev.polyledger.platform.http.ApiException;
import dev.polyledger.platform.http.IdempotencyKeys;
import dev.polyledger.platform.http.PlatformProblem;
import dev.polyledger.platform.http.Problem;
import java.util.HexFormat;
import dev.polyledger.ledger.application.port.in.PostingOutcome;
import dev.polyledger.ledger.application.port.in.Postings;
import dev.polyledger.ledger.domain.AccountId;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
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
    private static final String FINGERPRINT_ATTRIBUTE = "polyledger.idempotency.fingerprint";

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
     * Runs {@code operation} at most once for the key; it executes inside the serializable transaction that records
     * its answer.
     *
     * @param doneStatus the status of the answer when the command was done (201 created, 200 changed)
     */
    HttpResponse<String> execute(HttpRequest<?> request, String key, String body, int doneStatus,
                                 Supplier<RecordedAnswer> operation) {
        return execute(request, key, body, doneStatus, Set.of(), operation);
    }

    /** As {@link #execute(HttpRequest, String, String, int, Supplier)}, queued behind the other writers of {@code accounts}. */
    HttpResponse<String> execute(HttpRequest<?> request, String key, String body, int doneStatus, Set<AccountId> accounts,
                                 Supplier<RecordedAnswer> operation) {
        var idempotentRequest = new IdempotentRequest(new IdempotencyKey(Callers.tenant(request), key),
                fingerprint(request, body), accounts);
        return respond(idempotently.execute(idempotentRequest, operation), doneStatus);
    }

    /**
     * Posts {@code postings} at most once for the key, through the posting pipeline (possibly sharing its transaction
     * with concurrent requests); {@code render} turns the outcome into the answer recorded with it.
     */
    HttpResponse<String> post(HttpRequest<?> request, String key, String body, int doneStatus, Postings postings,
                              Function<PostingOutcome, RecordedAnswer> render) {
        return respond(idempotently.post(idempotentRequest(request, key, body), postings, render), doneStatus);
    }

    /** The request under its tenant's key, with its fingerprint ({@link #fingerprint}). */
    IdempotentRequest idempotentRequest(HttpRequest<?> request, String key, String body) {
        return new IdempotentRequest(new IdempotencyKey(Callers.tenant(request), key), fingerprint(request, body));
    }

    private HttpResponse<String> respond(ExecuteIdempotently.Result result, int doneStatus) {
        if (result instanceof ExecuteIdempotently.Result.KeyReused) {
            throw PlatformProblem.IDEMPOTENCY_KEY_REUSED.exception(
                    "this Idempotency-Key was first used with a different method, path or body");
        }
        if (result instanceof ExecuteIdempotently.Result.InFlight inFlight) {
            throw new ApiException(PlatformProblem.IDEMPOTENCY_KEY_IN_FLIGHT.problem(
                    "the first request with this Idempotency-Key is still being processed"), inFlight.retryAfterSeconds());
        }
        var completed = (ExecuteIdempotently.Result.Completed) result;
        return completed.replayed() ? replay(completed, doneStatus) : respond(completed.answer(), doneStatus);
    }

    /** A replayed answer: the recorded one with {@code Idempotent-Replayed: true}, counted by its source. */
    MutableHttpResponse<String> replay(ExecuteIdempotently.Result.Completed completed, int doneStatus) {
        var response = respond(completed.answer(), doneStatus);
        response.header(REPLAYED_HEADER, "true");
        (completed.source() == ExecuteIdempotently.Result.Source.CACHE ? replaysFromCache : replaysFromStore).increment();
        return response;
    }

    /**
     * A recorded answer as HTTP, the same the first time and on every replay: {@code doneStatus} with JSON for a done
     * command, the status of the refusal's code with problem+json otherwise.
     */
    static MutableHttpResponse<String> respond(RecordedAnswer answer, int doneStatus) {
        int status = answer.isRefusal() ? ErrorCode.statusOfRefusal(answer.refusal()) : doneStatus;
        var contentType = answer.isRefusal() ? Problem.MEDIA_TYPE : MediaType.APPLICATION_JSON_TYPE;
        return HttpResponse.<String>status(HttpStatus.valueOf(status))
                .contentType(contentType)
                .body(answer.document());
    }

    /**
     * SHA-256 over the method, the path and the canonical form of the request ({@link JsonBodies#canonical}):
     * pass the parsed request record (what is booked) rather than the body text where there is one; a body text
     * is canonicalised with the same strict parser that {@link JsonBodies#read} used. Computed once per request and
     * body: the replay filter's fingerprint is kept in a request attribute and reused by the route.
     */
    private String fingerprint(HttpRequest<?> request, String body) {
        var known = request.getAttribute(FINGERPRINT_ATTRIBUTE, Fingerprint.class);
        if (known.isPresent() && Objects.equals(known.get().body(), body)) {
            return known.get().fingerprint();
        }
        String fingerprint = computeFingerprint(request, body);
        request.setAttribute(FINGERPRINT_ATTRIBUTE, new Fingerprint(body, fingerprint));
        return fingerprint;
    }

    private String computeFingerprint(HttpRequest<?> request, Object body) {
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

    /** A body and its fingerprint. */
    private record Fingerprint(String body, String fingerprint) {
    }
}
