package dev.polyledger.ledger.application;

import dev.polyledger.platform.testing.MutableClock;

import static dev.polyledger.ledger.application.TestRequests.context;
import static dev.polyledger.ledger.application.TestRequests.key;
import static dev.polyledger.ledger.domain.DomainFixtures.OTHER_TENANT;
import static dev.polyledger.ledger.domain.DomainFixtures.USD;
import static dev.polyledger.ledger.domain.DomainFixtures.VERSION;
import static dev.polyledger.ledger.domain.DomainFixtures.active;
import static dev.polyledger.ledger.domain.DomainFixtures.inTenant;
import static dev.polyledger.ledger.domain.DomainFixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.polyledger.ledger.application.port.in.IdempotentRequest;
import dev.polyledger.ledger.application.port.in.PostTransferCommand;
import dev.polyledger.ledger.application.port.in.PostingOutcome;
import dev.polyledger.ledger.application.port.in.Postings;
import dev.polyledger.ledger.application.port.out.LedgerWrites.AccountChange;
import dev.polyledger.ledger.application.service.PostingPipeline;
import dev.polyledger.ledger.application.service.PostingPipeline.Answered;
import dev.polyledger.ledger.application.service.PostingPipeline.Replayed;
import dev.polyledger.ledger.application.service.PostingPipeline.Unit;
import dev.polyledger.ledger.application.service.PostingPipeline.UnitResult;
import dev.polyledger.ledger.domain.Account;
import dev.polyledger.ledger.domain.IdempotencyRecord;
import dev.polyledger.ledger.domain.LedgerRejection;
import dev.polyledger.ledger.domain.Metadata;
import dev.polyledger.ledger.domain.RecordedAnswer;
import dev.polyledger.ledger.domain.ValidationException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The posting pipeline over in-memory ports: what one transaction locks, decides and hands to {@code LedgerWrites}. */
class PostingPipelineTest {
    private static final Instant NOW = Instant.parse("2026-11-21T12:30:00Z");

    private final MutableClock clock = MutableClock.at(NOW);
    private final DirectUnitOfWork unitOfWork = new DirectUnitOfWork();
    private final InMemoryLedger ledger = new InMemoryLedger().writesOnlyWithin(unitOfWork);
    private final InMemoryIdempotencyRecords records = new InMemoryIdempotencyRecords();
    private final FixedCurrencies currencies = FixedCurrencies.of(USD);
    private final PostingPipeline pipeline = Pipelines.over(ledger, records, unitOfWork, new SequentialIds(), currencies, clock);

    @Test
    void locksTheUnionOfEveryUnitsAccountsOnceAndHandsOverOneWriteSet() {
        Account a = ledger.seed(active(usd(10_000)));
        Account b = ledger.seed(active(usd(0)));
        Account c = ledger.seed(active(usd(0)));

        var results = pipeline.commit(List.of(single(transfer(a, b, "30.00")), single(transfer(b, c, "10.00"))));

        assertThat(results).allSatisfy(result -> assertThat(outcomeOf(result)).isInstanceOf(PostingOutcome.Posted.class));
        assertThat(unitOfWork.transactions()).isEqualTo(1);
        assertThat(unitOfWork.serializedOn()).containsExactly(java.util.Set.of(a.id(), b.id(), c.id()));
        assertThat(ledger.lockRequests()).hasSize(1);
        assertThat(ledger.lockRequests().get(0)).containsExactlyInAnyOrder(a.id(), b.id(), c.id());
        assertThat(ledger.writeSets()).hasSize(1);
        var writes = ledger.writeSets().get(0);
        assertThat(writes.transfers()).hasSize(2);
        assertThat(writes.events()).hasSize(2);
        assertThat(writes.accounts()).as("b changed twice: one row, from the version it was locked at")
                .extracting(change -> change.after().id(), AccountChange::readVersion, change -> change.after().version())
                .containsExactlyInAnyOrder(
                        tuple(a.id(), VERSION, VERSION + 1),
                        tuple(b.id(), VERSION, VERSION + 2),
                        tuple(c.id(), VERSION, VERSION + 1));
        assertThat(ledger.account(b.id()).balance()).isEqualTo(usd(2_000));
        assertThat(ledger.account(c.id()).balance()).isEqualTo(usd(1_000));
    }

    @Test
    void aRefusedUnitWritesNothingOfItsOwnAndTheOthersStillPost() {
        Account rich = ledger.seed(active(usd(10_000)));
        Account poor = ledger.seed(active(usd(100)));
        Account payee = ledger.seed(active(usd(0)));

        var results = pipeline.commit(List.of(
                single(transfer(rich, payee, "10.00")),
                single(transfer(poor, payee, "5.00")),
                single(transfer(rich, payee, "20.00"))));

        assertThat(outcomeOf(results.get(0))).isInstanceOf(PostingOutcome.Posted.class);
        assertThat(outcomeOf(results.get(1))).isEqualTo(new PostingOutcome.Refused(List.of(new PostingOutcome.ItemRefusal(
                0, LedgerRejection.INSUFFICIENT_FUNDS, "source account " + poor.id() + " has 1.00, the transfer needs 5.00"))));
        assertThat(outcomeOf(results.get(2))).isInstanceOf(PostingOutcome.Posted.class);
        assertThat(ledger.transfers()).hasSize(2);
        assertThat(ledger.account(poor.id())).isEqualTo(poor);
        assertThat(ledger.account(payee.id()).balance()).isEqualTo(usd(3_000));
    }

    @Test
    void anAtomicBatchWhoseItemsFailNamesEveryFailingIndexAndWritesNoMoney() {
        Account source = ledger.seed(active(usd(10_000)));
        Account payee = ledger.seed(active(usd(0)));
        var batch = Postings.atomicBatch(List.of(
                transfer(source, payee, "10.00"),
                toItself(source, "1.00"),
                transfer(source, payee, "20.00"),
                transfer(source, payee, "1000.00")));

        var result = pipeline.commit(List.of(keyed("batch-1", batch))).get(0);

        assertThat(outcomeOf(result)).isInstanceOfSatisfying(PostingOutcome.Refused.class, refused ->
                assertThat(refused.refusals()).extracting(PostingOutcome.ItemRefusal::index, PostingOutcome.ItemRefusal::reason)
                        .containsExactly(tuple(1, LedgerRejection.SAME_ACCOUNT), tuple(3, LedgerRejection.INSUFFICIENT_FUNDS)));
        assertThat(ledger.transfers()).isEmpty();
        assertThat(ledger.events()).isEmpty();
        assertThat(ledger.account(source.id())).isEqualTo(source);
        assertThat(ledger.account(payee.id())).isEqualTo(payee);
        assertThat(records.all()).as("the refusal is the batch's answer, replayed for its key")
                .extracting(record -> record.answer().refusal()).containsExactly("REFUSED");
    }

    @Test
    void theItemsOfAnAtomicBatchSeeTheBalancesTheItemsBeforeThemLeft() {
        Account a = ledger.seed(active(usd(1_000)));
        Account b = ledger.seed(active(usd(0)));
        Account c = ledger.seed(active(usd(0)));

        var result = pipeline.commit(List.of(keyed("chain", Postings.atomicBatch(List.of(
                transfer(a, b, "10.00"), transfer(b, c, "10.00")))))).get(0);

        assertThat(outcomeOf(result)).isInstanceOfSatisfying(PostingOutcome.Posted.class,
                posted -> assertThat(posted.transfers()).hasSize(2));
        assertThat(ledger.account(a.id()).balance()).isEqualTo(usd(0));
        assertThat(ledger.account(b.id()).balance()).isEqualTo(usd(0));
        assertThat(ledger.account(c.id()).balance()).isEqualTo(usd(1_000));
        assertThat(ledger.writeSets()).hasSize(1);
    }

    @Test
    void anotherTenantsAccountInAnItemIsNotFoundAndFailsTheBatch() {
        Account source = ledger.seed(active(usd(10_000)));
        Account payee = ledger.seed(active(usd(0)));
        Account foreign = ledger.seed(inTenant(OTHER_TENANT, active(usd(0))));

        var result = pipeline.commit(List.of(keyed("b", Postings.atomicBatch(List.of(
                transfer(source, payee, "1.00"), transfer(source, foreign, "1.00")))))).get(0);

        assertThat(outcomeOf(result)).isEqualTo(new PostingOutcome.Refused(List.of(new PostingOutcome.ItemRefusal(
                1, LedgerRejection.ACCOUNT_NOT_FOUND, "account " + foreign.id() + " does not exist"))));
        assertThat(ledger.transfers()).isEmpty();
    }

    @Test
    void theSameKeyTwiceInOneCommitReplaysTheFirstAnswerAndPostsOnce() {
        Account source = ledger.seed(active(usd(10_000)));
        Account payee = ledger.seed(active(usd(0)));
        var postings = Postings.single(transfer(source, payee, "10.00"));

        var results = pipeline.commit(List.of(keyed("k", postings), keyed("k", postings)));

        var first = (Answered) results.get(0);
        assertThat(results.get(1)).isEqualTo(new Replayed(first.record()));
        assertThat(ledger.transfers()).hasSize(1);
        assertThat(records.all()).containsExactly(first.record());
    }

    @Test
    void aKeyAnsweredBeforeReplaysItsRecordAndLocksNothingNew() {
        Account source = ledger.seed(active(usd(10_000)));
        Account payee = ledger.seed(active(usd(0)));
        var postings = Postings.single(transfer(source, payee, "10.00"));
        var first = (Answered) pipeline.commit(List.of(keyed("k", postings))).get(0);

        var again = pipeline.commit(List.of(keyed("k", postings))).get(0);

        assertThat(again).isEqualTo(new Replayed(first.record()));
        assertThat(ledger.transfers()).hasSize(1);
        assertThat(ledger.writeSets()).as("nothing to write the second time").hasSize(1);
    }

    @Test
    void recordsTheRenderedAnswerWithTheMoney() {
        Account source = ledger.seed(active(usd(10_000)));
        Account payee = ledger.seed(active(usd(0)));

        var result = (Answered) pipeline.commit(List.of(keyed("k", Postings.single(transfer(source, payee, "10.00"))))).get(0);

        assertThat(result.record()).isEqualTo(new IdempotencyRecord(key("k"), "fp", RecordedAnswer.done("posted 1"), NOW,
                NOW.plus(Pipelines.RETENTION)));
        assertThat(ledger.writeSets().get(0).records()).containsExactly(result.record());
    }

    @Test
    void namesTheInvalidItemOfABatchBeforeAnyTransaction() {
        Account source = ledger.seed(active(usd(10_000)));
        Account payee = ledger.seed(active(usd(0)));
        var batch = Postings.atomicBatch(List.of(transfer(source, payee, "1.00"), transfer(source, payee, "1.001")));

        assertThatThrownBy(() -> pipeline.prepare(batch))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("items[1].amount"));
        assertThat(unitOfWork.transactions()).isZero();
    }

    @Test
    void refusesMoreThanAThousandItemsInAnAtomicBatch() {
        Account source = ledger.seed(active(usd(10_000)));
        Account payee = ledger.seed(active(usd(0)));
        var items = java.util.Collections.nCopies(Postings.MAX_ATOMIC_ITEMS + 1, transfer(source, payee, "1.00"));

        assertThatThrownBy(() -> Postings.atomicBatch(items))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("items"));
    }

    // --- fixtures ---------------------------------------------------------------------------------------------

    private Unit single(PostTransferCommand command) {
        return new Unit(null, pipeline.prepare(Postings.single(command)), PostingPipelineTest::render);
    }

    private Unit keyed(String key, Postings postings) {
        return new Unit(new IdempotentRequest(key(key), "fp"), pipeline.prepare(postings), PostingPipelineTest::render);
    }

    private static RecordedAnswer render(PostingOutcome outcome) {
        return outcome instanceof PostingOutcome.Posted posted ? RecordedAnswer.done("posted " + posted.transfers().size())
                : RecordedAnswer.refused("REFUSED", "refused");
    }

    private static PostingOutcome outcomeOf(UnitResult result) {
        assertThat(result).isInstanceOf(Answered.class);
        return ((Answered) result).outcome();
    }

    private static PostTransferCommand transfer(Account source, Account destination, String amount) {
        return PostTransferCommand.transfer(source.id(), destination.id(), amount, "USD", "payout", Metadata.empty(),
                context("req-1"));
    }

    private static PostTransferCommand toItself(Account account, String amount) {
        return transfer(account, account, amount);
    }
}
