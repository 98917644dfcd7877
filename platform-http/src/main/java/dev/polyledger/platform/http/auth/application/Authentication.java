package dev.polyledger.platform.http.auth.application;

import dev.polyledger.platform.http.auth.Caller;
import dev.polyledger.platform.http.auth.domain.KeyRateLimit;

/** What {@link Authenticator#authenticate} made of a request's {@code Authorization} header. */
public sealed interface Authentication {

    /**
     * No bearer credentials: no {@code Authorization} header, or one of another scheme ({@code 401} without an
     * {@code error} attribute, RFC 6750 section 3.1).
     */
    record Missing() implements Authentication {
    }

    /**
     * A bearer token that is not a valid key: malformed, unknown, revoked or expired ({@code 401}
     * {@code error="invalid_token"}). The reason is for the server's logs and metrics only; clients are not told
     * which, so that a probe learns nothing about a key.
     */
    record Invalid(String reason) implements Authentication {
    }

    /**
     * A valid key.
     *
     * @param caller    who is calling
     * @param rateLimit the bucket to draw from, or null when the caller is not rate-limited (the operator key,
     *                  unless {@code LEDGER_BOOTSTRAP_RATE_LIMIT} is set)
     */
    record Authenticated(Caller caller, KeyRateLimit rateLimit) implements Authentication {
    }
}
