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

    /** A backing service out of reach when a failure is caused by the exception its port throws for that. */
    abstract static class CausedBy implements UnavailableDependency {
        private final Class<? extends Throwable> type;
        private final String name;

        CausedBy(Class<? extends Throwable> type, String name) {
            this.type = type;
            this.name = name;
        }

        @Override
        public boolean isUnavailable(Throwable failure) {
            return UnavailableDependency.causedBy(failure, type);
        }

        @Override
        public String name() {
            return name;
        }
    }

    /** MongoDB out of reach, as the store port reports it. */
    @Singleton
    static class AuditStore extends CausedBy {
        AuditStore() {
            super(AuditStoreUnavailableException.class, "the audit store");
        }
    }

    /** The ledger's PostgreSQL out of reach (reconciliation, rebuild), as the ledger port reports it. */
    @Singleton
    static class Ledger extends CausedBy {
        Ledger() {
            super(LedgerUnavailableException.class, "the ledger");
        }
    }
}
