package dev.polyledger.ledger.application.port.out;

import java.util.UUID;

/** The one source of new ids (accounts, transfers, entries, events). */
public interface IdGenerator {
    UUID next();
}
