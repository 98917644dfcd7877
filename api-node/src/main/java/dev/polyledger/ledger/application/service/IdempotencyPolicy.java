package dev.polyledger.ledger.application.service;

import java.time.Duration;

/**
 * How long idempotency keys live.
 *
 * @param retention how long a completed request's response is kept and replayed (at least 24 hours by the
 *                  contract; {@code ledger.idempotency.retention})
 * @param lockTtl   how long an in-flight lock outlives a node that died holding it
 *                  ({@code ledger.idempotency.lock-ttl}); longer than the slowest request
 */
public record IdempotencyPolicy(Duration retention, Duration lockTtl) {
}
