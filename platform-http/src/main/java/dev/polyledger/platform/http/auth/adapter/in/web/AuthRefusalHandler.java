package dev.polyledger.platform.http.auth.adapter.in.web;

import dev.polyledger.platform.http.PlatformProblem;
import dev.polyledger.platform.http.Problem;
import dev.polyledger.platform.http.ProblemCode;
import dev.polyledger.platform.http.auth.AuthProblem;
import dev.polyledger.platform.http.auth.application.AuthRefusal;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A refused key or tenant request as problem+json with the code of its reason and, when known, the field. */
@Produces
@Singleton
class AuthRefusalHandler implements ExceptionHandler<AuthRefusal, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, AuthRefusal refusal) {
        ProblemCode code = switch (refusal.reason()) {
            case VALIDATION_FAILED -> PlatformProblem.VALIDATION_FAILED;
            case INSUFFICIENT_SCOPE -> AuthProblem.INSUFFICIENT_SCOPE;
            case API_KEY_NOT_FOUND -> AuthProblem.API_KEY_NOT_FOUND;
        };
        Problem problem = code.problem(refusal.getMessage());
        return (refusal.field() != null ? problem.withField(refusal.field()) : problem).toResponse();
    }
}
