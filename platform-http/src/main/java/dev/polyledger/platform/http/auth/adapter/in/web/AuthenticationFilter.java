package dev.polyledger.platform.http.auth.adapter.in.web;

import dev.polyledger.platform.http.RequestIdFilter;
import dev.polyledger.platform.http.auth.AuthProblem;
import dev.polyledger.platform.http.auth.Caller;
import dev.polyledger.platform.http.auth.RequiredScope;
import dev.polyledger.platform.http.auth.Scope;
import dev.polyledger.platform.http.auth.application.Authentication;
import dev.polyledger.platform.http.auth.application.Authenticator;
import dev.polyledger.platform.http.auth.config.AuthEnabled;
import io.micronaut.context.annotation.Requires;
import dev.polyledger.platform.http.auth.domain.KeyRateLimit;
import dev.polyledger.platform.http.auth.domain.RouteAccess;
import dev.polyledger.platform.http.ratelimit.RateLimitDecision;
import dev.polyledger.platform.http.ratelimit.RateLimitHeaders;
import dev.polyledger.platform.http.ratelimit.RateLimitPolicy;
import dev.polyledger.platform.http.ratelimit.RateLimiter;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.web.router.RouteMatch;
import jakarta.inject.Named;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authentication, rate limiting and scope checks of every request under {@code /api/v1/} (api-contract.md,
 * "Authentication and tenants"), after {@link RequestIdFilter} (so every refusal carries the request id).
 *
 * <p>Order, each step answering before the next runs:
 * <ol>
 * <li>{@code Authorization: Bearer <key>}: missing → {@code 401 UNAUTHENTICATED} with
 *     {@code WWW-Authenticate: Bearer realm="polyledger"}; malformed, unknown, revoked or expired → the same with
 *     {@code error="invalid_token"} (RFC 6750 section 3). Unauthenticated requests learn nothing else, not even
 *     whether the route exists.</li>
 * <li>The caller is left in the request attribute {@link Caller#ATTRIBUTE}.</li>
 * <li>Rate limit: one token from the key's bucket (bucket id = key id; the key's own limit or the default; the
 *     operator key only when {@code LEDGER_BOOTSTRAP_RATE_LIMIT} is set); empty → {@code 429 RATE_LIMITED} with
 *     {@code Retry-After}. The {@code RateLimit-Policy}/{@code RateLimit} headers go on every response to an
 *     authenticated request, errors included.</li>
 * <li>Scope: an unmatched route goes on (to its {@code 404}/{@code 405}); a matched route's {@link RequiredScope}
 *     (the method's, else the class's) must be held, and {@code operatorOnly} routes need the operator key;
 *     a route without one is refused: {@code 403 INSUFFICIENT_SCOPE} (fail closed).</li>
 * </ol>
 * <p>Threads: the filter runs on the event loop and never blocks it. A key this node has verified within the cache's
 * time to live (and the operator key, and every refusal of a token's shape) is answered from memory
 * ({@link Authenticator#authenticateFromMemory}); only a cache miss, which asks PostgreSQL, hops to the blocking
 * executor. The rate limit is one asynchronous Redis round trip ({@link RateLimiter#acquire}) whose answer resumes
 * the request, so no thread waits for Redis; Redis down or slow still admits the request (fail open). With
 * authentication off ({@code platform.auth.enabled=false}) {@link AnonymousCallerFilter} replaces it.
 */
@ServerFilter("/api/v1/**")
@Requires(condition = AuthEnabled.class)
@Order(AuthenticationFilter.ORDER)
public class AuthenticationFilter implements Ordered {
    /** Micronaut's security phase ({@code ServerFilterPhase.SECURITY.order()}): after {@link RequestIdFilter} (0). */
    public static final int ORDER = 39_000;
    /** The realm of the {@code WWW-Authenticate} challenge. */
    public static final String REALM = "polyledger";
    private static final String POLICY_ATTRIBUTE = "polyledger.ratelimit.policy";
    private static final String DECISION_ATTRIBUTE = "polyledger.ratelimit.decision";
    private static final String HEADERS_APPLIED = "polyledger.ratelimit.applied";
    private static final Logger LOG = LoggerFactory.getLogger(AuthenticationFilter.class);

    private static final CompletableFuture<MutableHttpResponse<?>> GO_ON = CompletableFuture.completedFuture(null);

    private final Authenticator authenticator;
    private final BeanProvider<RateLimiter> rateLimiters;
    private final Executor blocking;
    private volatile Optional<RateLimiter> rateLimiter;

    /**
     * @param blocking where a cache miss asks the key store (Micronaut's {@code blocking} executor)
     */
    public AuthenticationFilter(Authenticator authenticator, BeanProvider<RateLimiter> rateLimiters,
                                @Named(TaskExecutors.BLOCKING) Executor blocking) {
        this.authenticator = authenticator;
        this.rateLimiters = rateLimiters;
        this.blocking = blocking;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    /**
     * Empty (the request goes on) or the refusal, once the key is known and the rate limiter has answered. Completes
     * on the event loop when both are answered from memory, on the Redis client's I/O thread after a rate-limit
     * check, on a blocking thread after a cache miss; exceptionally (the store's failure, answered 503 by the problem
     * handlers) only when a cache miss cannot reach the key store.
     */
    @RequestFilter
    CompletableFuture<Optional<MutableHttpResponse<?>>> authenticate(HttpRequest<?> request,
                                                                     @Nullable RouteMatch<?> route) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        Authentication fromMemory = authenticator.authenticateFromMemory(authorization);
        CompletableFuture<Authentication> authentication = fromMemory != null
                ? CompletableFuture.completedFuture(fromMemory)
                : CompletableFuture.supplyAsync(() -> authenticator.authenticate(authorization), blocking);
        var answer = new CompletableFuture<Optional<MutableHttpResponse<?>>>();
        authentication.thenCompose(known -> refusal(request, route, known)).whenComplete((refusal, failure) -> {
            if (failure != null) {
                answer.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
                return;
            }
            if (refusal != null) {
                // A response returned here skips this filter's own response filter (the filters before it, such as
                // the request id's, still see it), so it gets the rate-limit headers now.
                applyRateLimitHeaders(request, refusal);
            }
            answer.complete(Optional.ofNullable(refusal));
        });
        return answer;
    }

    private CompletableFuture<MutableHttpResponse<?>> refusal(HttpRequest<?> request, RouteMatch<?> route,
                                                             Authentication authentication) {
        if (authentication instanceof Authentication.Missing) {
            return CompletableFuture.completedFuture(
                    unauthenticated("this request needs an API key: Authorization: Bearer <key>", null));
        }
        if (authentication instanceof Authentication.Invalid invalid) {
            LOG.debug("request {}: refused bearer token: {}", RequestIdFilter.of(request), invalid.reason());
            return CompletableFuture.completedFuture(
                    unauthenticated("the API key is not valid (unknown, revoked or expired)", "invalid_token"));
        }
        var authenticated = (Authentication.Authenticated) authentication;
        Caller caller = authenticated.caller();
        request.setAttribute(Caller.ATTRIBUTE, caller);
        return rateLimit(request, caller, authenticated.rateLimit())
                .thenApply(limited -> limited != null ? limited : checkScope(route, caller));
    }

    /** The rate-limit headers on every response to an authenticated request that the limiter checked. */
    @ResponseFilter
    void rateLimitHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        applyRateLimitHeaders(request, response);
    }

    /** Completes with null (admitted) or the 429; never exceptionally (the limiter fails open). */
    private CompletableFuture<MutableHttpResponse<?>> rateLimit(HttpRequest<?> request, Caller caller,
                                                                KeyRateLimit limit) {
        if (limit == null) {
            return GO_ON;
        }
        if (rateLimiter == null) {
            rateLimiter = rateLimiters.find(null);
        }
        RateLimiter limiter = rateLimiter.orElse(null);
        if (limiter == null) {
            return GO_ON;
        }
        RateLimitPolicy policy = new RateLimitPolicy(limit.perSecond(), limit.burst());
        return limiter.acquire(caller.keyId(), policy).toCompletableFuture().thenApply(decision -> {
            request.setAttribute(POLICY_ATTRIBUTE, policy);
            request.setAttribute(DECISION_ATTRIBUTE, decision);
            if (decision instanceof RateLimitDecision.Limited over) {
                return AuthProblem.RATE_LIMITED.problem("more than " + limit.perSecond()
                                + " requests per second (burst " + limit.burst() + ") with this key; retry after "
                                + over.retryAfterSeconds() + " s")
                        .toResponse().header(HttpHeaders.RETRY_AFTER, String.valueOf(over.retryAfterSeconds()));
            }
            return null;
        });
    }

    private static MutableHttpResponse<?> checkScope(RouteMatch<?> route, Caller caller) {
        if (route == null) {
            return null;
        }
        AnnotationValue<RequiredScope> required = requiredScope(route.getAnnotationMetadata());
        Scope scope = required == null ? null : required.enumValue("value", Scope.class).orElse(null);
        boolean operatorOnly = required != null && required.booleanValue("operatorOnly").orElse(false);
        return switch (RouteAccess.judge(scope, operatorOnly, caller.scopes(), caller.operator())) {
            case ALLOWED -> null;
            case NO_SCOPE_NAMED -> forbidden("this route names no required scope, so no key may call it", null);
            case OPERATOR_ONLY -> forbidden("only the operator key may call this route", scope);
            case SCOPE_NOT_HELD -> forbidden("this route needs the scope " + scope
                    + ", which the API key does not hold", scope);
        };
    }

    /** The method's {@link RequiredScope}, else its class's, else null. */
    static AnnotationValue<RequiredScope> requiredScope(AnnotationMetadata metadata) {
        AnnotationValue<RequiredScope> declared = metadata.getDeclaredAnnotation(RequiredScope.class);
        return declared != null ? declared : metadata.getAnnotation(RequiredScope.class);
    }

    private static MutableHttpResponse<?> unauthenticated(String detail, String error) {
        String challenge = "Bearer realm=\"" + REALM + "\"" + (error == null ? "" : ", error=\"" + error + "\"");
        return AuthProblem.UNAUTHENTICATED.problem(detail).toResponse().header(HttpHeaders.WWW_AUTHENTICATE, challenge);
    }

    private static MutableHttpResponse<?> forbidden(String detail, Scope scope) {
        String challenge = "Bearer realm=\"" + REALM + "\", error=\"insufficient_scope\""
                + (scope == null ? "" : ", scope=\"" + scope.wireName() + "\"");
        return AuthProblem.INSUFFICIENT_SCOPE.problem(detail).toResponse()
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge);
    }

    private static void applyRateLimitHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.getAttribute(HEADERS_APPLIED).isPresent()) {
            return;
        }
        var policy = request.getAttribute(POLICY_ATTRIBUTE, RateLimitPolicy.class);
        var decision = request.getAttribute(DECISION_ATTRIBUTE, RateLimitDecision.class);
        if (policy.isPresent() && decision.isPresent()) {
            RateLimitHeaders.apply(response, policy.get(), decision.get());
            response.setAttribute(HEADERS_APPLIED, Boolean.TRUE);
        }
    }
}
