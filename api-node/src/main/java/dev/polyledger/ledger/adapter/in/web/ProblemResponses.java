package dev.polyledger.ledger.adapter.in.web;

import dev.polyledger.ledger.application.port.in.Outcome;
import dev.polyledger.ledger.application.port.in.RecordedResponse;
import dev.polyledger.ledger.application.port.out.ContentionException;
import dev.polyledger.ledger.domain.ValidationException;
import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error leaves the node as RFC 9457 problem+json with a stable {@code code}; never a stack trace.
 * Client mistakes are 4xx; 5xx only for our side (503 with {@code Retry-After} when retrying may help).
 */
final class ProblemResponses {
    static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");
    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

    private ProblemResponses() {
    }

    static MutableHttpResponse<Problem> of(Problem problem) {
        return HttpResponse.<Problem>status(HttpStatus.valueOf(problem.status())).contentType(PROBLEM_JSON).body(problem);
    }

    /** A ledger refusal as a response to be recorded under the idempotency key and replayed. */
    static RecordedResponse recorded(Outcome.Refused<?> refused, JsonBodies bodies) {
        int status = ErrorCode.statusOf(refused.reason());
        var problem = Problem.of(status, refused.reason().name(), ErrorCode.titleOf(refused.reason()), refused.detail());
        return new RecordedResponse(status, bodies.write(problem));
    }

    @Produces
    @Singleton
    static class ValidationHandler implements ExceptionHandler<ValidationException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, ValidationException e) {
            var base = ErrorCode.VALIDATION_FAILED.problem(e.getMessage());
            return of(new Problem(base.type(), base.title(), base.status(), base.detail(), base.code(), e.field()));
        }
    }

    @Produces
    @Singleton
    static class ApiExceptionHandler implements ExceptionHandler<ApiException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, ApiException e) {
            var response = of(e.code.problem(e.getMessage()));
            if (e.retryAfterSeconds != null) {
                response.header(HttpHeadersNames.RETRY_AFTER, String.valueOf(e.retryAfterSeconds));
            }
            return response;
        }
    }

    @Produces
    @Singleton
    static class ContentionHandler implements ExceptionHandler<ContentionException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, ContentionException e) {
            LOG.warn("request {} gave up after {} conflicting attempts", RequestIdFilter.of(request), e.attempts());
            return of(ErrorCode.TRANSACTION_CONFLICT.problem(
                    "the accounts involved are under heavy concurrent use; nothing was written, retry with the same Idempotency-Key"))
                    .header(HttpHeadersNames.RETRY_AFTER, "1");
        }
    }

    /** The last resort for exceptions nobody handled: 503 if the database is out of reach, 500 otherwise. */
    @Produces
    @Singleton
    static class UnexpectedHandler implements ExceptionHandler<RuntimeException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, RuntimeException e) {
            if (databaseUnreachable(e)) {
                LOG.warn("request {}: database unavailable: {}", RequestIdFilter.of(request), e.toString());
                return of(ErrorCode.SERVICE_UNAVAILABLE.problem("the ledger database is unavailable; nothing was written"))
                        .header(HttpHeadersNames.RETRY_AFTER, "2");
            }
            LOG.error("request {} failed", RequestIdFilter.of(request), e);
            return of(ErrorCode.INTERNAL_ERROR.problem("internal error; request id " + RequestIdFilter.of(request)));
        }

        private static boolean databaseUnreachable(Throwable failure) {
            for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
                if (t instanceof SQLTransientConnectionException) {
                    return true;
                }
                if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Errors the framework raises before a controller runs (no route, wrong method, unreadable body, missing
     * argument, oversized request) in the same problem+json shape.
     */
    @Primary
    @Singleton
    static class FrameworkErrors implements ErrorResponseProcessor<Problem> {
        @Override
        public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> base) {
            int status = base.getStatus().getCode();
            ErrorCode code = switch (status) {
                case 400 -> ErrorCode.VALIDATION_FAILED;
                case 404 -> ErrorCode.NOT_FOUND;
                case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
                case 406 -> ErrorCode.NOT_ACCEPTABLE;
                case 413 -> ErrorCode.REQUEST_TOO_LARGE;
                case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
                case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
                default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : null;
            };
            String detail = status >= 500 || context.getErrors().isEmpty()
                    ? (code == null ? base.getStatus().getReason() : code.title)
                    : context.getErrors().get(0).getMessage();
            Problem problem = code != null
                    ? code.problem(detail)
                    : Problem.of(status, "HTTP_" + status, base.getStatus().getReason(), detail);
            return base.contentType(PROBLEM_JSON).body(problem);
        }
    }

    /** Header names not in Micronaut's constants under these spellings. */
    static final class HttpHeadersNames {
        static final String RETRY_AFTER = "Retry-After";

        private HttpHeadersNames() {
        }
    }
}
