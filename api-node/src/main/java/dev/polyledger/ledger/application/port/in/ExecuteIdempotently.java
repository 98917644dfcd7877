package dev.polyledger.ledger.application.port.in;

import java.util.function.Supplier;

/**
 * Runs a command at most once per idempotency key (IETF draft-ietf-httpapi-idempotency-key-header, Stripe
 * semantics). The command and the record of its response commit in one serializable transaction.
 */
public interface ExecuteIdempotently {

    /**
     * @param request   the key and the request's fingerprint
     * @param operation runs the command inside the transaction and renders its response; it returns only
     *                  responses that are to be replayed (2xx and business refusals) and throws for the rest
     *                  (validation errors, 5xx), which are then not recorded
     */
    Result execute(IdempotentRequest request, Supplier<RecordedResponse> operation);

    /** What happened to the request. */
    sealed interface Result {
        /** The command ran now, or ran before and its response is replayed. */
        record Completed(RecordedResponse response, boolean replayed) implements Result {
        }

        /** The key was used before with a different request: 422 IDEMPOTENCY_KEY_REUSED. */
        record KeyReused() implements Result {
        }

        /** A request with this key is being processed right now: 409 IDEMPOTENCY_KEY_IN_FLIGHT. */
        record InFlight(long retryAfterSeconds) implements Result {
        }
    }
}
