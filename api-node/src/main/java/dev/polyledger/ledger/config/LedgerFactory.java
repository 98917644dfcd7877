package dev.polyledger.ledger.config;

import dev.polyledger.ledger.application.port.out.CurrencyCatalog;
import dev.polyledger.ledger.application.port.out.IdGenerator;
import dev.polyledger.ledger.application.service.IdempotencyPolicy;
import dev.polyledger.ledger.application.service.OutboxPolicy;
import dev.polyledger.events.EventEnvelope;
import dev.polyledger.ledger.application.view.AccountView;
import dev.polyledger.ledger.application.view.BatchView;
import dev.polyledger.ledger.application.view.EntryView;
import dev.polyledger.ledger.application.view.TransferView;
import dev.polyledger.ledger.domain.Currency;
import com.rabbitmq.client.ConnectionFactory;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Prototype;
import io.micronaut.serde.annotation.SerdeImport;
import dev.polyledger.ledger.application.service.GroupCommit;
import dev.polyledger.ledger.application.service.PostingPipeline;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** Wires the application's plain-Java ports to configuration and libraries. */
@Factory
@SerdeImport(AccountView.class)
@SerdeImport(TransferView.class)
@SerdeImport(TransferView.Leg.class)
@SerdeImport(EntryView.class)
@SerdeImport(dev.polyledger.ledger.application.view.ChainVerificationView.class)
@SerdeImport(dev.polyledger.ledger.application.view.HoldView.class)
@SerdeImport(BatchView.class)
@SerdeImport(BatchView.Counts.class)
@SerdeImport(EventEnvelope.class)
class LedgerFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * A fresh AMQP connection factory for the broker of {@code ledger.rabbitmq.uri} (one per user, as each sets
     * its own recovery): 2 s connection timeout, 15 s heartbeat, and no automatic recovery (the outbox relay and the
     * batch work queue reconnect on their own schedule; the batch chunk consumer turns recovery on).
     *
     * @throws IllegalArgumentException when the URI is not an AMQP URI
     */
    @Prototype
    ConnectionFactory amqpConnectionFactory(LedgerProperties properties) {
        var factory = new ConnectionFactory();
        try {
            factory.setUri(properties.rabbitmq().uri());
        } catch (Exception e) {
            throw new IllegalArgumentException("ledger.rabbitmq.uri is not an AMQP URI", e);
        }
        factory.setConnectionTimeout(2_000);
        factory.setRequestedHeartbeat(15);
        factory.setAutomaticRecoveryEnabled(false);
        return factory;
    }

    /**
     * Random (version 4) UUIDs, deliberately not time-ordered: under SERIALIZABLE, PostgreSQL's predicate locks
     * on B-tree pages turn "every transaction inserts at the rightmost leaf and reads it back in a foreign-key
     * check" into a read-write conflict between every pair of concurrent transfers (about half the throughput and
     * several times the retries with time-ordered ids: perf/results/2026-11-21-random-vs-time-ordered-ids.md).
     */
    @Singleton
    IdGenerator idGenerator() {
        return UUID::randomUUID;
    }

    @Singleton
    IdempotencyPolicy idempotencyPolicy(LedgerProperties properties) {
        return new IdempotencyPolicy(properties.idempotency().retention(), properties.idempotency().lockTtl());
    }

    /**
     * Group commit of money movements ({@code ledger.commit-group.*}); metric {@code ledger.commit.group.size}
     * (Prometheus {@code ledger_commit_group_size}): units per transaction. Its committers stop with the context.
     */
    @Singleton
    @Bean(preDestroy = "close")
    GroupCommit groupCommit(PostingPipeline pipeline, LedgerProperties properties, MeterRegistry meters) {
        var group = properties.commitGroup() == null ? new LedgerProperties.CommitGroup(1, 0) : properties.commitGroup();
        var sizes = DistributionSummary.builder("ledger.commit.group.size")
                .description("requests that shared one serializable transaction").register(meters);
        return new GroupCommit(pipeline, group.maxSize(), group.committers(), sizes::record);
    }

    @Singleton
    OutboxPolicy outboxPolicy(LedgerProperties properties) {
        var outbox = properties.outbox();
        return new OutboxPolicy(outbox.batchSize(), outbox.initialBackoff(), outbox.maxBackoff());
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
