package dev.polyledger.platform.http;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error leaves a service as problem+json with a stable {@code code}, never a stack trace: client
 * mistakes are 4xx; 5xx only for our side, 503 with {@code Retry-After} when retrying may help.
 */
public final class ProblemHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandlers.class);

    private ProblemHandlers() {
    }

    /** {@link ApiException}s as their problem. */
    @Produces
    @Singleton
    static class ApiExceptionHandler implements ExceptionHandler<ApiException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, ApiException e) {
            var response = e.problem().toResponse();
            if (e.retryAfterSeconds() != null) {
                response.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
            }
            return response;
        }
    }

    /** The last resort for exceptions nobody handled: 503 when a dependency is out of reach, 500 otherwise. */
    @Produces
    @Singleton
    static class UnexpectedHandler implements ExceptionHandler<RuntimeException, HttpResponse<Problem>> {
        private final List<UnavailableDependency> dependencies;

        UnexpectedHandler(List<UnavailableDependency> dependencies) {
            this.dependencies = dependencies;
        }

        @Override
        public HttpResponse<Problem> handle(HttpRequest request, RuntimeException e) {
            String requestId = RequestIdFilter.of(request);
            for (UnavailableDependency dependency : dependencies) {
                if (dependency.isUnavailable(e)) {
                    LOG.warn("request {}: {} unavailable: {}", requestId, dependency.name(), e.toString());
                    return PlatformProblem.SERVICE_UNAVAILABLE
                            .problem(dependency.name() + " is unavailable; nothing was written")
                            .toResponse().header("Retry-After", "2");
                }
            }
            LOG.error("request {} failed", requestId, e);
            return PlatformProblem.INTERNAL_ERROR.problem("internal error; request id " + requestId).toResponse();
        }
    }

    /**
     * Errors the framework raises before a handler runs (no route, wrong method, unreadable body, missing
     * argument, oversized request) in the same shape.
     */
    @Primary
    @Singleton
    static class FrameworkErrors implements ErrorResponseProcessor<Problem> {
        /** A fully qualified Java name ({@code io.micronaut.x.SomeType}) in a framework message. */
        private static final Pattern JAVA_NAME = Pattern.compile("\\b[a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)+\\.[A-Z]");

        @Override
        public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> base) {
            int status = base.getStatus().getCode();
            String reason = base.getStatus().getReason();
            var platform = PlatformProblem.ofFrameworkStatus(status);
            String code = platform.map(PlatformProblem::name).orElse("HTTP_" + status);
            String title = platform.map(PlatformProblem::title).orElse(reason);
            String detail = status >= 500 || context.getErrors().isEmpty() ? reason : context.getErrors().get(0).getMessage();
            if (detail == null || JAVA_NAME.matcher(detail).find()) {
                // e.g. "No enum constant io.micronaut.management.health.indicator.HealthCheckType.jdbc" for
                // GET /health/jdbc: the framework's message names its internals, the client gets the reason.
                detail = reason;
            }
            return base.contentType(Problem.MEDIA_TYPE).body(Problem.of(status, code, title, detail));
        }
    }
}
