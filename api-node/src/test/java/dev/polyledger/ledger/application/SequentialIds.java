package dev.polyledger.ledger.application;

import dev.polyledger.ledger.application.port.out.IdGenerator;
import java.util.UUID;

/** Ids 00000000-0000-0000-0000-000000000001, …02, … in the order they are asked for. */
public final class SequentialIds implements IdGenerator {
    private long issued;

    @Override
    public UUID next() {
        return new UUID(0, ++issued);
    }

    public long issued() {
        return issued;
    }
}
