package dev.polyledger.ledger.application;

import dev.polyledger.ledger.application.port.out.CurrencyCatalog;
import dev.polyledger.ledger.application.port.out.IdGenerator;
import dev.polyledger.ledger.application.port.out.IdempotencyRecords;
import dev.polyledger.ledger.application.port.out.UnitOfWork;
import dev.polyledger.ledger.application.service.IdempotencyPolicy;
import dev.polyledger.ledger.application.service.PostingPipeline;
import java.time.Clock;
import java.time.Duration;

/** The posting pipeline over in-memory fakes. */
public final class Pipelines {
    /** How long the pipelines of the tests keep idempotency records. */
    public static final Duration RETENTION = Duration.ofHours(24);

    private Pipelines() {
    }

    /** A pipeline whose records are the ledger's own (see {@link InMemoryLedger#recordingInto}). */
    public static PostingPipeline over(InMemoryLedger ledger, IdempotencyRecords records, UnitOfWork unitOfWork,
                                       IdGenerator ids, CurrencyCatalog currencies, Clock clock) {
        ledger.recordingInto(records);
        return new PostingPipeline(ledger, ledger.batches(), records, ledger, unitOfWork, ids, currencies, clock,
                new IdempotencyPolicy(RETENTION, Duration.ofSeconds(30)));
    }

    public static PostingPipeline over(InMemoryLedger ledger, UnitOfWork unitOfWork, IdGenerator ids,
                                       CurrencyCatalog currencies, Clock clock) {
        return over(ledger, new InMemoryIdempotencyRecords(), unitOfWork, ids, currencies, clock);
    }
}
