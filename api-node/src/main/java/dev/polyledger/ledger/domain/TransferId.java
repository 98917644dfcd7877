package dev.polyledger.ledger.domain;

import java.util.Objects;
import java.util.UUID;

/** Identifier of a transfer. */
public record TransferId(UUID value) {
    public TransferId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
