package dev.polyledger.platform.http.auth;

import dev.polyledger.platform.http.ProblemCode;

/**
 * The problems of authentication, authorisation, rate limiting and key management (api-contract.md,
 * "Authentication and tenants").
 */
public enum AuthProblem implements ProblemCode {
    /** No key, or a malformed, unknown, revoked or expired one; with {@code WWW-Authenticate: Bearer} (RFC 6750). */
    UNAUTHENTICATED(401, "Authentication required"),
    /** A valid key without the scope the route needs, or a route that names none (routes fail closed). */
    INSUFFICIENT_SCOPE(403, "Insufficient scope"),
    /** The key's token bucket is empty; with {@code Retry-After}. */
    RATE_LIMITED(429, "Too many requests"),
    /** No API key of that id in the caller's tenant (another tenant's key answers the same). */
    API_KEY_NOT_FOUND(404, "API key not found"),
    /** A key or tenant request with a field of the wrong type or value; the body names the {@code field}. */
    VALIDATION_FAILED(400, "Request is not valid");

    private final int status;
    private final String title;

    AuthProblem(int status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
