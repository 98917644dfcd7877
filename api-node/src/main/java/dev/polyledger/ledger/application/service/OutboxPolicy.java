package dev.polyledger.ledger.application.service;

import java.time.Duration;

/**
 * How the outbox relay works.
 *
 * @param batchSize      events claimed per transaction
 * @param initialBackoff first pause after a failed publish
 * @param maxBackoff     longest pause between attempts while the broker is away
 */
public record OutboxPolicy(int batchSize, Duration initialBackoff, Duration maxBackoff) {
}
