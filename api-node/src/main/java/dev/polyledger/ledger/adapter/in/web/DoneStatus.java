package dev.polyledger.ledger.adapter.in.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an idempotent route ({@code POST} under an {@code Idempotency-Key}) whose replays {@link IdempotentReplayFilter}
 * may answer from the idempotency cache before the route runs, and gives the HTTP status of a done command's answer
 * on it: the same number the route passes to {@link IdempotentEndpoint} as {@code doneStatus} (201 created, 200
 * changed, 202 accepted). A recorded refusal is replayed with its own status whatever this says.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface DoneStatus {
    /** The status of the route's answer when its command was done. */
    int value();
}
