package dev.polyledger.ledger.adapter.in.web;

import dev.polyledger.ledger.application.port.in.ExecuteIdempotently;
import dev.polyledger.platform.http.IdempotencyKeys;
import dev.polyledger.platform.http.auth.Caller;
import dev.polyledger.platform.http.auth.adapter.in.web.AuthenticationFilter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterContinuation;
import io.micronaut.web.router.RouteMatch;
import java.util.List;
import java.util.OptionalInt;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Answers a replay (the same {@code Idempotency-Key} of the same tenant with the same method, path and body as a
 * completed request) from the idempotency cache on the event loop, before the route's blocking work is dispatched:
 * no PostgreSQL, no blocking thread, one asynchronous Redis GET (issue 5: replay p99 at most 10 ms at three times the
 * uniform rate). The answer is the route's own replay: the recorded answer with {@code Idempotent-Replayed: true}
 * (api-contract.md, "Idempotency"), counted as {@code ledger_idempotency_replays_total{source="cache"}}.
 *
 * <p>Everything else goes on to the route unchanged, which then decides exactly as without this filter: a route
 * without {@link DoneStatus}; no authenticated caller; a missing or invalid key (the route answers its 400); a body
 * over {@link #MAX_BODY_CHARS}; nothing cached for the key (first use, in flight: the route takes or meets the
 * in-flight lock), an expired record, Redis down or slow; and a different request under the key (the route refuses
 * it as reused). Runs after authentication ({@link AuthenticationFilter#ORDER}), so the caller's tenant scopes the
 * key, the scope check has passed and the rate limit has counted the request.
 */
@ServerFilter(value = "/api/v1/**", methods = HttpMethod.POST)
@Order(IdempotentReplayFilter.ORDER)
class IdempotentReplayFilter {
    /** After authentication and the rate limit. */
    static final int ORDER = AuthenticationFilter.ORDER + 1_000;
    /** Larger bodies (batches) are left to the route: fingerprinting them is not event-loop work. */
    static final int MAX_BODY_CHARS = 64 * 1024;

    private final ExecuteIdempotently idempotently;
    private final IdempotentEndpoint endpoint;

    IdempotentReplayFilter(ExecuteIdempotently idempotently, IdempotentEndpoint endpoint) {
        this.idempotently = idempotently;
        this.endpoint = endpoint;
    }

    /**
     * The replayed answer, or the route's (through {@code continuation}) when this request is not a replay the
     * cache can answer. Reactor's {@link Mono} only adapts the cache's answer: a stage completing with null is an
     * empty Mono, which proceeds.
     */
    @RequestFilter
    Publisher<MutableHttpResponse<?>> replay(HttpRequest<?> request, @Nullable RouteMatch<?> route,
                                             @Nullable @Body String body,
                                             FilterContinuation<Publisher<MutableHttpResponse<?>>> continuation) {
        OptionalInt doneStatus = route == null ? OptionalInt.empty()
                : route.getAnnotationMetadata().intValue(DoneStatus.class);
        if (doneStatus.isEmpty() || request.getAttribute(Caller.ATTRIBUTE, Caller.class).isEmpty()
                || (body != null && body.length() > MAX_BODY_CHARS)) {
            return continuation.proceed();
        }
        List<String> keys = request.getHeaders().getAll(IdempotencyKeys.HEADER);
        if (keys.size() != 1 || !IdempotencyKeys.VALID.matcher(keys.get(0)).matches()) {
            return continuation.proceed();
        }
        var idempotentRequest = endpoint.idempotentRequest(request, keys.get(0), body);
        return Mono.fromCompletionStage(idempotently.replayFromCache(idempotentRequest))
                .flatMap(replayed -> Mono.justOrEmpty(replayed))
                .<MutableHttpResponse<?>>map(completed -> endpoint.replay(completed, doneStatus.getAsInt()))
                .switchIfEmpty(Mono.defer(() -> Mono.from(continuation.proceed())));
    }
}
