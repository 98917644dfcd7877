package dev.polyledger.ledger.domain;

import static dev.polyledger.ledger.domain.DomainFixtures.JPY;
import static dev.polyledger.ledger.domain.DomainFixtures.NOW;
import static dev.polyledger.ledger.domain.DomainFixtures.USD;
import static dev.polyledger.ledger.domain.DomainFixtures.active;
import static dev.polyledger.ledger.domain.DomainFixtures.transferOf;
import static dev.polyledger.ledger.domain.DomainFixtures.usd;
import static dev.polyledger.ledger.domain.DomainFixtures.world;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The chain's known vectors were computed outside Java (Python's hashlib over the documented canonical form), so
 * a change of the encoding fails here before it reaches a stored ledger.
 */
class HashChainTest {
    private static final AccountId ACCOUNT = new AccountId(UUID.fromString("3f2a8c1e-0000-4000-8000-000000000003"));
    private static final Entry FIRST = Entry.chained(HashChain.GENESIS,
            UUID.fromString("3f2a8c1e-0000-4000-8000-000000000001"),
            new TransferId(UUID.fromString("3f2a8c1e-0000-4000-8000-000000000002")), ACCOUNT, Direction.DEBIT,
            usd(2_500), usd(-1_500), 4, Instant.parse("2026-11-30T15:35:23.12Z"));
    private static final String FIRST_HASH = "436f2f79c1de2979ec4a181c991627d99327e15acdd7abc7caf9828abebdd9a6";
    private static final String SECOND_HASH = "87914b1914ca94867ccb67f56f5712de6dcf97375083e1b2fe3c114dbdcbc9a6";

    @Test
    void hashesTheDocumentedCanonicalFormOfAFirstEntry() {
        assertThat(HashChain.canonicalForm(HashChain.GENESIS, FIRST.id(), FIRST.transferId(), FIRST.accountId(),
                FIRST.direction(), FIRST.amount(), FIRST.balanceAfter(), FIRST.accountVersion(), FIRST.createdAt()))
                .isEqualTo("0".repeat(64) + "\n"
                        + "3f2a8c1e-0000-4000-8000-000000000001\n"
                        + "3f2a8c1e-0000-4000-8000-000000000002\n"
                        + "3f2a8c1e-0000-4000-8000-000000000003\n"
                        + "DEBIT\n"
                        + "2500\n"
                        + "USD\n"
                        + "-1500\n"
                        + "4\n"
                        + "2026-11-30T15:35:23.120000Z");
        assertThat(FIRST.hash()).isEqualTo(FIRST_HASH);
    }

    @Test
    void chainsTheNextEntryAfterThePreviousHashInMinorUnitsAndWholeSeconds() {
        Entry second = Entry.chained(FIRST.hash(), UUID.fromString("3f2a8c1e-0000-4000-8000-000000000004"),
                new TransferId(UUID.fromString("3f2a8c1e-0000-4000-8000-000000000005")), ACCOUNT, Direction.CREDIT,
                new Money(7, JPY), new Money(-1_493, JPY), 6, Instant.parse("2026-11-30T15:35:24Z"));

        assertThat(second.hash()).isEqualTo(SECOND_HASH);
        assertThat(second.follows(FIRST_HASH)).isTrue();
        assertThat(second.follows(HashChain.GENESIS)).isFalse();
    }

    @Test
    void anyChangedFieldChangesTheHash() {
        Entry altered = new Entry(FIRST.id(), FIRST.transferId(), FIRST.accountId(), FIRST.direction(), usd(2_501),
                FIRST.balanceAfter(), FIRST.accountVersion(), FIRST.createdAt(), FIRST.hash());

        assertThat(FIRST.follows(HashChain.GENESIS)).isTrue();
        assertThat(altered.follows(HashChain.GENESIS)).isFalse();
    }

    @Test
    void printsTimesInUtcWithSixFractionalDigits() {
        assertThat(HashChain.time(Instant.parse("2026-11-30T15:35:24Z"))).isEqualTo("2026-11-30T15:35:24.000000Z");
        assertThat(HashChain.time(Instant.parse("2026-11-30T15:35:24.000001Z"))).isEqualTo("2026-11-30T15:35:24.000001Z");
    }

    @Test
    void refusesATimeFinerThanPostgresKeeps() {
        assertThatThrownBy(() -> HashChain.time(Instant.parse("2026-11-30T15:35:24.000000500Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAnEntryWithoutAWellFormedHash() {
        assertThatThrownBy(() -> new Entry(FIRST.id(), FIRST.transferId(), FIRST.accountId(), FIRST.direction(),
                FIRST.amount(), FIRST.balanceAfter(), 4, FIRST.createdAt(), FIRST_HASH.toUpperCase()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPostingChainsEachEntryAfterItsAccountsHeadAndMovesTheHeads() {
        Account source = active(usd(10_000));
        Account destination = world(USD);

        var first = (Posting.Posted) Posting.post(transferOf(usd(2_500)), source, destination, NOW);
        var second = (Posting.Posted) Posting.post(transferOf(usd(100)), first.source(), first.destination(), NOW);

        Entry firstDebit = first.transfer().entries().get(0);
        Entry firstCredit = first.transfer().entries().get(1);
        assertThat(firstDebit.follows(HashChain.GENESIS)).isTrue();
        assertThat(firstCredit.follows(HashChain.GENESIS)).isTrue();
        assertThat(first.source().headHash()).isEqualTo(firstDebit.hash());
        assertThat(first.destination().headHash()).isEqualTo(firstCredit.hash());
        assertThat(second.transfer().entries().get(0).follows(firstDebit.hash())).isTrue();
        assertThat(second.transfer().entries().get(1).follows(firstCredit.hash())).isTrue();
        assertThat(second.source().headHash()).isEqualTo(second.transfer().entries().get(0).hash());
    }

    @Test
    void aRefusedPostingLeavesTheHeadsAlone() {
        Account source = active(usd(100));
        Account destination = active(usd(0));

        var result = Posting.post(transferOf(usd(101)), source, destination, NOW);

        assertThat(result).isInstanceOf(Posting.Rejected.class);
        assertThat(source.headHash()).isEqualTo(HashChain.GENESIS);
    }
}
