package dev.polyledger.ledger.config;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import dev.polyledger.ledger.application.port.out.CurrencyCatalog;
import dev.polyledger.ledger.application.port.out.IdGenerator;
import dev.polyledger.ledger.application.service.IdempotencyPolicy;
import dev.polyledger.ledger.application.service.OutboxPolicy;
import dev.polyledger.events.EventEnvelope;
import dev.polyledger.ledger.application.view.AccountView;
import dev.polyledger.ledger.application.view.EntryView;
import dev.polyledger.ledger.application.view.TransferView;
import dev.polyledger.ledger.domain.Currency;
import io.micronaut.context.annotation.Factory;
import io.micronaut.serde.annotation.SerdeImport;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Wires the application's plain-Java ports to configuration and libraries. */
@Factory
@SerdeImport(AccountView.class)
@SerdeImport(TransferView.class)
@SerdeImport(TransferView.Leg.class)
@SerdeImport(EntryView.class)
@SerdeImport(EventEnvelope.class)
class LedgerFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Time-ordered UUIDv7 (RFC 9562): new rows land at the right edge of the primary-key index. */
    @Singleton
    IdGenerator idGenerator() {
        TimeBasedEpochGenerator generator = Generators.timeBasedEpochGenerator();
        return generator::generate;
    }

    @Singleton
    IdempotencyPolicy idempotencyPolicy(LedgerProperties properties) {
        return new IdempotencyPolicy(properties.idempotency().retention(), properties.idempotency().lockTtl());
    }

    @Singleton
    OutboxPolicy outboxPolicy(LedgerProperties properties) {
        var outbox = properties.outbox();
        return new OutboxPolicy(outbox.batchSize(), outbox.initialBackoff(), outbox.maxBackoff(), outbox.retention());
    }

    @Singleton
    CurrencyCatalog currencyCatalog(LedgerProperties properties) {
        Map<String, Currency> byCode = new TreeMap<>();
        // Configuration keys arrive lower-cased (Micronaut normalises property names); ISO codes are upper case.
        properties.currencies().forEach((key, scale) -> {
            String code = key.toUpperCase(Locale.ROOT);
            byCode.put(code, new Currency(code, scale));
        });
        List<Currency> all = List.copyOf(byCode.values());
        return new CurrencyCatalog() {
            @Override
            public Optional<Currency> find(String code) {
                return Optional.ofNullable(code == null ? null : byCode.get(code));
            }

            @Override
            public Collection<Currency> all() {
                return all;
            }
        };
    }
}
