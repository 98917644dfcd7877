package dev.polyledger.ledger.application.port.out;

import dev.polyledger.ledger.domain.Currency;
import java.util.Collection;
import java.util.Optional;

/** The currencies the platform supports (configuration: {@code ledger.currencies}). */
public interface CurrencyCatalog {

    Optional<Currency> find(String code);

    Collection<Currency> all();
}
