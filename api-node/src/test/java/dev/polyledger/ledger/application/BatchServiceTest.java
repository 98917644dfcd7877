package dev.polyledger.ledger.application;

import static dev.polyledger.ledger.application.TestRequests.context;
import static dev.polyledger.ledger.domain.DomainFixtures.TENANT;
import static dev.polyledger.ledger.domain.DomainFixtures.USD;
import static dev.polyledger.ledger.domain.DomainFixtures.active;
import static dev.polyledger.ledger.domain.DomainFixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyledger.events.EventType;
import dev.polyledger.platform.testing.MutableClock;
import dev.polyledger.ledger.application.port.in.PostTransferCommand;
import dev.polyledger.ledger.application.port.out.BatchWorkQueue;
import dev.polyledger.ledger.application.port.out.Outbox.OutboxEvent;
import dev.polyledger.ledger.application.service.BatchService;
import dev.polyledger.ledger.application.service.PostingPipeline;
import dev.polyledger.ledger.application.view.BatchView;
import dev.polyledger.ledger.application.view.TransferView;
import dev.polyledger.ledger.domain.Account;
import dev.polyledger.ledger.domain.Batch;
import dev.polyledger.ledger.domain.BatchChunk;
import dev.polyledger.ledger.domain.BatchItem;
import dev.polyledger.ledger.domain.Metadata;
import dev.polyledger.ledger.domain.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** INDEPENDENT batches over in-memory ports and an in-memory work queue. */
class BatchServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-21T12:30:00Z");

    private final MutableClock clock = MutableClock.at(NOW);
    private final DirectUnitOfWork unitOfWork = new DirectUnitOfWork();
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final FixedCurrencies currencies = FixedCurrencies.of(USD);
    private final SequentialIds ids = new SequentialIds();
    private final PostingPipeline pipeline = Pipelines.over(ledger, unitOfWork, ids, currencies, clock);
    private final RecordingQueue queue = new RecordingQueue();
    private final BatchService service = new BatchService(ledger.batches(), queue, pipeline, ledger, unitOfWork, ids, clock);
    private final Account payer = ledger.seed(active(usd(100_000)));
    private final Account poor = ledger.seed(active(usd(0)));
    private final Account payee = ledger.seed(active(usd(0)));

    @Test
    void postsEveryItemOnItsOwnInIndexOrderChunkByChunkAndCompletesOnce() {
        var commands = new ArrayList<PostTransferCommand>();
        for (int i = 0; i < 600; i++) {
            commands.add(i % 100 == 7 ? transfer(poor, payee, "1.00") : transfer(payer, payee, "1.00"));
        }
        Batch batch = service.accept(commands, context("req-batch"));
        service.start(batch);

        int chunks = queue.drainInto(service);

        var items = ledger.batches().items(batch.id());
        assertThat(chunks).as("chunks of 250: 0, 250, 500").isEqualTo(3);
        assertThat(items).filteredOn(i -> i.status() == BatchItem.Status.REJECTED).extracting(BatchItem::index)
                .containsExactly(7, 107, 207, 307, 407, 507);
        assertThat(items).filteredOn(i -> i.status() == BatchItem.Status.REJECTED)
                .allSatisfy(i -> assertThat(i.code()).isEqualTo("INSUFFICIENT_FUNDS"));
        assertThat(items).filteredOn(i -> i.status() == BatchItem.Status.POSTED).hasSize(594);
        assertThat(ledger.transfers()).hasSize(594);
        assertThat(ledger.transfers()).extracting(t -> t.reference()).as("posted in index order")
                .isSortedAccordingTo(java.util.Comparator.comparingInt(r -> Integer.parseInt(r.substring(5))));
        Batch done = ledger.batches().batch(batch.id());
        assertThat(done.status()).isEqualTo(Batch.Status.COMPLETED);
        assertThat(done.posted()).isEqualTo(594);
        assertThat(done.rejected()).isEqualTo(6);
        assertThat(completedEvents()).hasSize(1);
        assertThat((BatchView) completedEvents().get(0).data()).isEqualTo(BatchView.of(done));
        assertThat(ledger.events()).filteredOn(e -> e.type() == EventType.TRANSFER_POSTED)
                .allSatisfy(e -> assertThat(((TransferView) e.data()).batchId()).isEqualTo(batch.id().toString()));
        assertThat(ledger.account(payee.id()).balance()).isEqualTo(usd(59_400));
    }

    @Test
    void aChunkDeliveredAgainSkipsThePostedItemsAndPostsNothingTwice() {
        Batch batch = service.accept(List.of(transfer(payer, payee, "1.00"), transfer(poor, payee, "1.00"),
                transfer(payer, payee, "2.00")), context("req"));
        var chunk = new BatchChunk(TENANT, batch.id(), 0);

        service.process(chunk);
        int writesAfterFirst = ledger.writeSets().size();
        service.process(chunk);

        assertThat(ledger.transfers()).hasSize(2);
        assertThat(ledger.writeSets()).as("nothing written the second time").hasSize(writesAfterFirst);
        assertThat(ledger.batches().batch(batch.id()).posted()).isEqualTo(2);
        assertThat(ledger.batches().batch(batch.id()).rejected()).isEqualTo(1);
        assertThat(completedEvents()).hasSize(1);
        assertThat(ledger.account(payee.id()).balance()).isEqualTo(usd(300));
    }

    @Test
    void aMiddleChunkDeliveredAgainEnqueuesNoSecondChainAndTheSweepResumesALostOne() {
        var commands = new ArrayList<PostTransferCommand>();
        for (int i = 0; i < 600; i++) {
            commands.add(transfer(payer, payee, "1.00"));
        }
        Batch batch = service.accept(commands, context("req"));
        var first = new BatchChunk(TENANT, batch.id(), 0);
        service.process(first);
        assertThat(queue.chunks).containsExactly(new BatchChunk(TENANT, batch.id(), 250));
        queue.chunks.clear(); // say the node died after its commit, before the next chunk reached the broker

        service.process(first);

        assertThat(queue.chunks).as("nothing was pending: no second chain").isEmpty();
        assertThat(ledger.transfers()).hasSize(250);
        clock.advance(Duration.ofMinutes(1));
        assertThat(service.resumeStalled()).isEqualTo(1);
        queue.drainInto(service);
        assertThat(ledger.transfers()).hasSize(600);
        assertThat(ledger.batches().batch(batch.id()).status()).isEqualTo(Batch.Status.COMPLETED);
    }

    @Test
    void refusesAnInvalidItemNamingItAndStoresNothing() {
        var commands = List.of(transfer(payer, payee, "1.00"), transfer(payer, payee, "1.001"));

        assertThatThrownBy(() -> service.accept(commands, context("req")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("items[1].amount"));
        assertThat(service.resumeStalled()).isZero();
    }

    @Test
    void resumesABatchWhoseChunkWasLostFromItsFirstPendingItem() {
        var commands = new ArrayList<PostTransferCommand>();
        for (int i = 0; i < 300; i++) {
            commands.add(transfer(payer, payee, "1.00"));
        }
        Batch batch = service.accept(commands, context("req"));
        service.process(new BatchChunk(TENANT, batch.id(), 0));
        queue.chunks.clear(); // the next chunk was lost
        clock.advance(Duration.ofSeconds(10));
        assertThat(service.resumeStalled()).as("not quiet long enough yet").isZero();

        clock.advance(Duration.ofMinutes(1));
        int resumed = service.resumeStalled();

        assertThat(resumed).isEqualTo(1);
        assertThat(queue.chunks).containsExactly(new BatchChunk(TENANT, batch.id(), 250));
        queue.drainInto(service);
        assertThat(ledger.batches().batch(batch.id()).status()).isEqualTo(Batch.Status.COMPLETED);
        assertThat(ledger.transfers()).hasSize(300);
    }

    private List<OutboxEvent> completedEvents() {
        return ledger.events().stream().filter(e -> e.type() == EventType.BATCH_COMPLETED).toList();
    }

    private int counter;

    private PostTransferCommand transfer(Account source, Account destination, String amount) {
        return PostTransferCommand.transfer(source.id(), destination.id(), amount, "USD", "item-" + counter++,
                Metadata.empty(), context("req"));
    }

    /** The work queue in memory: FIFO, every chunk processed by whoever drains it. */
    private static final class RecordingQueue implements BatchWorkQueue {
        final Deque<BatchChunk> chunks = new ArrayDeque<>();

        @Override
        public void enqueue(BatchChunk chunk) {
            chunks.add(chunk);
        }

        int drainInto(BatchService service) {
            int processed = 0;
            for (BatchChunk chunk; (chunk = chunks.poll()) != null; processed++) {
                service.process(chunk);
            }
            return processed;
        }
    }
}
