package dev.polyledger.ledger.domain;

import static dev.polyledger.ledger.domain.DomainFixtures.NOW;
import static dev.polyledger.ledger.domain.DomainFixtures.USD;
import static dev.polyledger.ledger.domain.DomainFixtures.active;
import static dev.polyledger.ledger.domain.DomainFixtures.transferOf;
import static dev.polyledger.ledger.domain.DomainFixtures.usd;
import static dev.polyledger.ledger.domain.DomainFixtures.world;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainVerificationTest {

    /** The source's entries and the source after {@code count} transfers of 1.00 from it to the world. */
    private record Chain(Account account, List<Entry> entries) {
    }

    private static Chain postedFrom(Account source, int count) {
        Account world = world(USD);
        var entries = new ArrayList<Entry>();
        for (int i = 0; i < count; i++) {
            var posted = (Posting.Posted) Posting.post(transferOf(usd(100)), source, world, NOW);
            source = posted.source();
            world = posted.destination();
            entries.add(posted.transfer().entries().get(0));
        }
        return new Chain(source, entries);
    }

    private static ChainVerification verify(Account account, List<Entry> entries) {
        var verifier = new ChainVerification.Verifier(account);
        entries.forEach(verifier::accept);
        return verifier.result();
    }

    private static Entry withAmount(Entry e, Money amount) {
        return new Entry(e.id(), e.transferId(), e.accountId(), e.direction(), amount, e.balanceAfter(),
                e.accountVersion(), e.createdAt(), e.hash());
    }

    @Test
    void anUntouchedChainIsValidAndEndsAtTheAccountsHead() {
        Chain chain = postedFrom(active(usd(10_000)), 5);

        var result = verify(chain.account(), chain.entries());

        assertThat(result).isEqualTo(new ChainVerification(chain.account().id(), true, 5,
                chain.entries().get(4).hash(), null));
    }

    @Test
    void anAccountWithoutEntriesIsValidAtGenesis() {
        Account account = active(usd(0));

        assertThat(verify(account, List.of()))
                .isEqualTo(new ChainVerification(account.id(), true, 0, HashChain.GENESIS, null));
    }

    @Test
    void aChangedAmountBreaksTheChainAtItsVersion() {
        Chain chain = postedFrom(active(usd(10_000)), 5);
        var entries = new ArrayList<>(chain.entries());
        Entry third = entries.get(2);
        entries.set(2, withAmount(third, usd(1)));

        var result = verify(chain.account(), entries);

        assertThat(result.valid()).isFalse();
        assertThat(result.firstBrokenVersion()).isEqualTo(third.accountVersion());
        assertThat(result.entries()).isEqualTo(5);
    }

    @Test
    void aChangedEntryWhoseHashWasRecomputedBreaksTheChainAtTheNextEntry() {
        Chain chain = postedFrom(active(usd(10_000)), 5);
        var entries = new ArrayList<>(chain.entries());
        Entry third = entries.get(2);
        Entry rehashed = Entry.chained(entries.get(1).hash(), third.id(), third.transferId(), third.accountId(),
                third.direction(), usd(1), third.balanceAfter(), third.accountVersion(), third.createdAt());
        entries.set(2, rehashed);

        var result = verify(chain.account(), entries);

        assertThat(result.firstBrokenVersion()).isEqualTo(entries.get(3).accountVersion());
    }

    @Test
    void aHeadThatIsNotTheLastEntrysHashBreaksTheChainAtTheAccountsVersion() {
        Chain chain = postedFrom(active(usd(10_000)), 3);

        var result = verify(chain.account(), chain.entries().subList(0, 2));

        assertThat(result.valid()).isFalse();
        assertThat(result.firstBrokenVersion()).isEqualTo(chain.account().version());
    }

    @Test
    void refusesEntriesOutOfOrderOrOfAnotherAccount() {
        Chain chain = postedFrom(active(usd(10_000)), 2);
        var verifier = new ChainVerification.Verifier(chain.account());
        verifier.accept(chain.entries().get(1));

        assertThatThrownBy(() -> verifier.accept(chain.entries().get(0))).isInstanceOf(IllegalArgumentException.class);
        Chain other = postedFrom(active(usd(10_000)), 1);
        assertThatThrownBy(() -> new ChainVerification.Verifier(chain.account()).accept(other.entries().get(0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
