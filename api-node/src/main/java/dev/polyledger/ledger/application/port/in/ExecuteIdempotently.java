package dev.polyledger.ledger.application.port.in;

import dev.polyledger.ledger.domain.RecordedAnswer;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a command at most once per idempotency key (IETF draft-ietf-httpapi-idempotency-key-header, Stripe
 * semantics). The command and the record of its response commit in one serializable transaction.
 */
public interface ExecuteIdempotently {

    /**
     * @param request   the key and the request's fingerprint
     * @param operation runs the command inside the transaction and gives its answer; it returns only answers
     *                  that are to be replayed (done and business refusals) and throws for the rest (validation
     *                  errors, failures), which are then not recorded
     */
    Result execute(IdempotentRequest request, Supplier<RecordedAnswer> operation);

    /**
     * Posts money movements at most once per key, through the posting pipeline: the request may share its
     * transaction with concurrent requests of this node (group commit); one request's refusal never fails another's,
     * and the same key twice in one transaction replays the first.
     *
     * @param request  the key and fingerprint; its {@code accounts} are ignored (the pipeline knows which it changes)
     * @param postings what to post
     * @param render   the answer to record for the outcome: a pure function of its argument (it runs inside the
     *                 transaction that records it, possibly on another thread)
     * @throws dev.polyledger.ledger.domain.ValidationException for an unsupported currency or an amount with too
     *                                                          many decimals (nothing recorded); a batch's names its
     *                                                          item, e.g. {@code items[3].amount}
     * @throws dev.polyledger.ledger.application.port.out.ContentionException when the accounts stayed too contended
     */
    Result post(IdempotentRequest request, Postings postings, Function<PostingOutcome, RecordedAnswer> render);

    /**
     * The answer to a repeated request from the idempotency cache alone, without blocking the calling thread and
     * without touching PostgreSQL: an event loop may answer a replay with it before any blocking work is dispatched.
     * Empty, and then {@link #execute}/{@link #post} decide as always, when the cache has no record of the key (first
     * use, in flight, evicted, or the cache is down), when the record has expired, or when the request differs from
     * the recorded one (a reused key: refused by {@link #execute}/{@link #post} with their usual checks).
     *
     * @param request the key and the request's fingerprint; its {@code accounts} are ignored
     * @return a {@link Result.Completed} from {@link Result.Source#CACHE}, or empty; never completes exceptionally
     */
    CompletionStage<Optional<Result.Completed>> replayFromCache(IdempotentRequest request);

    /** What happened to the request. */
    sealed interface Result {
        /**
         * The command ran now ({@link Source#EXECUTED}), or ran before and its recorded response is replayed
         * from the cache ({@link Source#CACHE}: no database work at all) or from PostgreSQL ({@link Source#STORE}).
         */
        record Completed(RecordedAnswer answer, Source source) implements Result {
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
