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
        /**
         * The command ran now ({@link Source#EXECUTED}), or ran before and its recorded response is replayed
         * from the cache ({@link Source#CACHE}: no database work at all) or from PostgreSQL ({@link Source#STORE}).
         */
        record Completed(RecordedResponse response, Source source) implements Result {
            /** Whether the response is a replay of an earlier execution ({@code Idempotent-Replayed: true}). */
            public boolean replayed() {
                return source != Source.EXECUTED;
            }
        }

        /** Where a completed request's response came from. */
        enum Source {
            /** The command ran for this request. */
            EXECUTED,
            /** Replayed from the idempotency cache (Redis) without touching PostgreSQL. */
            CACHE,
            /** Replayed from the idempotency record in PostgreSQL (the cache missed or was down). */
            STORE
        }

        /** The key was used before with a different request: 422 IDEMPOTENCY_KEY_REUSED. */
        record KeyReused() implements Result {
        }

        /** A request with this key is being processed right now: 409 IDEMPOTENCY_KEY_IN_FLIGHT. */
        record InFlight(long retryAfterSeconds) implements Result {
        }
    }
}
