package dev.polyledger.audit.adapter.in.web;

import dev.polyledger.audit.application.port.in.InvalidQueryException;
import dev.polyledger.audit.application.port.out.AuditStoreUnavailableException;
import dev.polyledger.audit.application.port.out.LedgerUnavailableException;
import dev.polyledger.platform.http.PlatformProblem;
import dev.polyledger.platform.http.Problem;
import dev.polyledger.platform.http.UnavailableDependency;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * The audit API's own error answers, on top of the platform-wide ones ({@code platform-http}: request ids,
 * {@code ApiException}, framework errors, 500 as the last resort): a bad query parameter is
 * {@code 400 VALIDATION_FAILED} naming the {@code field}; an unreachable MongoDB is {@code 503
 * SERVICE_UNAVAILABLE} with {@code Retry-After}.
 */
final class ProblemResponses {
    private ProblemResponses() {
    }

    @Produces
    @Singleton
    static class InvalidQueryHandler implements ExceptionHandler<InvalidQueryException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, InvalidQueryException e) {
            return PlatformProblem.VALIDATION_FAILED.problem(e.getMessage()).withField(e.field()).toResponse();
        }
    }

    /** MongoDB out of reach, as the store port reports it. */
    @Singleton
    static class AuditStore implements UnavailableDependency {
        @Override
        public boolean isUnavailable(Throwable failure) {
            return UnavailableDependency.causedBy(failure, AuditStoreUnavailableException.class);
        }

        @Override
        public String name() {
            return "the audit store";
        }
    }

    /** The ledger's PostgreSQL out of reach (reconciliation, rebuild), as the ledger port reports it. */
    @Singleton
    static class Ledger implements UnavailableDependency {
        @Override
        public boolean isUnavailable(Throwable failure) {
            return UnavailableDependency.causedBy(failure, LedgerUnavailableException.class);
        }

        @Override
        public String name() {
            return "the ledger";
        }
    }
}
