package dev.polyledger.platform.http.auth;

import dev.polyledger.platform.http.ProblemCode;

/**
 * The problems of authentication, authorisation, rate limiting and key management (api-contract.md,
 * "Authentication and tenants"). A key or tenant request with a field of the wrong type or value is the platform's
 * {@code VALIDATION_FAILED} ({@link dev.polyledger.platform.http.PlatformProblem}).
 */
public final class AuthProblem {
    /** No key, or a malformed, unknown, revoked or expired one; with {@code WWW-Authenticate: Bearer} (RFC 6750). */
    public static final ProblemCode UNAUTHENTICATED = ProblemCode.of("UNAUTHENTICATED", 401, "Authentication required");
    /** A valid key without the scope the route needs, or a route that names none (routes fail closed). */
    public static final ProblemCode INSUFFICIENT_SCOPE = ProblemCode.of("INSUFFICIENT_SCOPE", 403, "Insufficient scope");
    /** The key's token bucket is empty; with {@code Retry-After}. */
    public static final ProblemCode RATE_LIMITED = ProblemCode.of("RATE_LIMITED", 429, "Too many requests");
    /** No API key of that id in the caller's tenant (another tenant's key answers the same). */
    public static final ProblemCode API_KEY_NOT_FOUND = ProblemCode.of("API_KEY_NOT_FOUND", 404, "API key not found");

    private AuthProblem() {
    }
}
