package dev.polyledger.ledger.application;

import static dev.polyledger.ledger.domain.DomainFixtures.TENANT;

import dev.polyledger.ledger.domain.IdempotencyKey;
import dev.polyledger.ledger.application.port.in.RequestContext;

/** Static factories for what a request carries into the application: its context and idempotency key. */
public final class TestRequests {
    /** The id of the API key the test requests are sent with. */
    public static final String ACTOR = "key_test";

    private TestRequests() {
    }

    /** A request of {@link dev.polyledger.ledger.domain.DomainFixtures#TENANT} by {@link #ACTOR}. */
    public static RequestContext context(String requestId) {
        return new RequestContext(TENANT, ACTOR, requestId);
    }

    /** An idempotency key of {@link dev.polyledger.ledger.domain.DomainFixtures#TENANT}. */
    public static IdempotencyKey key(String value) {
        return new IdempotencyKey(TENANT, value);
    }
}
