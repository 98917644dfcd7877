package dev.polyledger.ledger.application;

import dev.polyledger.ledger.application.port.out.CurrencyCatalog;
import dev.polyledger.ledger.domain.Currency;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A currency catalog of the currencies it is given. */
public final class FixedCurrencies implements CurrencyCatalog {
    private final Map<String, Currency> byCode = new LinkedHashMap<>();

    private FixedCurrencies(List<Currency> currencies) {
        currencies.forEach(currency -> byCode.put(currency.code(), currency));
    }

    public static FixedCurrencies of(Currency... currencies) {
        return new FixedCurrencies(List.of(currencies));
    }

    @Override
    public Optional<Currency> find(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    @Override
    public Collection<Currency> all() {
        return List.copyOf(byCode.values());
    }
}
