package dev.polyledger.ledger.application.port.in;

import dev.polyledger.ledger.domain.LedgerRejection;

/**
 * The result of a command: done, or refused for a business reason (nothing written). Malformed input is
 * not an outcome: it fails with {@link dev.polyledger.ledger.domain.ValidationException} before anything runs.
 *
 * @param <T> what a successful command returns
 */
public sealed interface Outcome<T> {

    record Done<T>(T value) implements Outcome<T> {
    }

    record Refused<T>(LedgerRejection reason, String detail) implements Outcome<T> {
    }
}
