package dev.polyledger.ledger.adapter.in.web;

import dev.polyledger.ledger.application.port.in.Outcome;
import dev.polyledger.ledger.domain.RecordedAnswer;
import dev.polyledger.ledger.application.port.out.ContentionException;
import dev.polyledger.ledger.domain.LedgerRejection;
import dev.polyledger.ledger.domain.ValidationException;
import dev.polyledger.platform.http.PlatformProblem;
import dev.polyledger.platform.http.Problem;
import dev.polyledger.platform.http.RequestIdFilter;
import dev.polyledger.platform.http.UnavailableDependency;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger API's own error answers, on top of the platform-wide ones ({@code platform-http}): validation
 * failures, refusals recorded under an idempotency key, contention, an unreachable database.
 */
final class ProblemResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

    private ProblemResponses() {
    }

    /** A ledger refusal as an answer to be recorded under the idempotency key and replayed. */
    static RecordedAnswer recorded(Outcome.Refused<?> refused, JsonBodies bodies) {
        return recorded(refused.reason(), refused.detail(), bodies);
    }

    /** A ledger refusal as an answer to be recorded under the idempotency key and replayed: problem+json. */
    static RecordedAnswer recorded(LedgerRejection reason, String detail, JsonBodies bodies) {
        int status = ErrorCode.statusOf(reason);
        var problem = Problem.of(status, reason.name(), ErrorCode.titleOf(reason), detail);
        return RecordedAnswer.refused(reason.name(), bodies.write(problem));
    }

    @Produces
    @Singleton
    static class ValidationHandler implements ExceptionHandler<ValidationException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, ValidationException e) {
            return PlatformProblem.VALIDATION_FAILED.problem(e.getMessage()).withField(e.field()).toResponse();
        }
    }

    @Produces
    @Singleton
    static class ContentionHandler implements ExceptionHandler<ContentionException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, ContentionException e) {
            LOG.warn("request {} gave up after {} conflicting attempts", RequestIdFilter.of(request), e.attempts());
            return ErrorCode.TRANSACTION_CONFLICT.problem(
                    "the accounts involved are under heavy concurrent use; nothing was written, retry with the same Idempotency-Key")
                    .toResponse().header("Retry-After", "1");
        }
    }

    /** PostgreSQL out of reach (connection class 08, or the pool timed out waiting for a connection): 503. */
    @Singleton
    static class LedgerDatabase implements UnavailableDependency {
        @Override
        public boolean isUnavailable(Throwable failure) {
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

        @Override
        public String name() {
            return "the ledger database";
        }
    }
}
