package dev.polyledger.platform.http.auth;

import dev.polyledger.platform.http.ProblemCode;
import dev.polyledger.platform.http.ProblemType;

/**
 * The problems of authentication, authorisation, rate limiting and key management (api-contract.md,
 * "Authentication and tenants"). A key or tenant request with a field of the wrong type or value is the platform's
 * {@code VALIDATION_FAILED} ({@link dev.polyledger.platform.http.PlatformProblem}).
 */
public enum AuthProblem implements ProblemCode {
    /** No key, or a malformed, unknown, revoked or expired one; with {@code WWW-Authenticate: Bearer} (RFC 6750). */
    UNAUTHENTICATED(401, "Authentication required"),
    /** A valid key without the scope the route needs, or a route that names none (routes fail closed). */
    INSUFFICIENT_SCOPE(403, "Insufficient scope"),
    /** The key's token bucket is empty; with {@code Retry-After}. */
    RATE_LIMITED(429, "Too many requests"),
    /** No API key of that id in the caller's tenant (another tenant's key answers the same). */
    API_KEY_NOT_FOUND(404, "API key not found");

    private final ProblemType type;

    AuthProblem(int status, String title) {
        this.type = new ProblemType(status, title);
    }

    @Override
    public ProblemType type() {
        return type;
    }
}
