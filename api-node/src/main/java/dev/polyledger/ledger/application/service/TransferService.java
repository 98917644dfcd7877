package dev.polyledger.ledger.application.service;

import dev.polyledger.ledger.application.port.in.Outcome;
import dev.polyledger.ledger.application.port.in.PostTransferCommand;
import dev.polyledger.ledger.application.port.in.PostTransferUseCase;
import dev.polyledger.ledger.application.port.in.PostingOutcome;
import dev.polyledger.ledger.application.port.in.Postings;
import dev.polyledger.ledger.application.port.out.Accounts;
import dev.polyledger.ledger.application.port.out.CurrencyCatalog;
import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.Transfer;
import dev.polyledger.ledger.domain.TransferKind;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Posts transfers, credits and debits without an idempotency key, one at a time, through the same
 * {@link PostingPipeline} as every request: locks both accounts in id order, applies {@link dev.polyledger.ledger.domain.Posting},
 * and writes the balances, the transfer with its entries and the {@code transfer.posted} outbox event in one
 * serializable transaction.
 */
@Singleton
public class TransferService implements PostTransferUseCase {
    private final Accounts accounts;
    private final CurrencyCatalog currencies;
    private final PostingPipeline pipeline;

    public TransferService(Accounts accounts, CurrencyCatalog currencies, PostingPipeline pipeline) {
        this.accounts = accounts;
        this.currencies = currencies;
        this.pipeline = pipeline;
    }

    @Override
    public Outcome<Transfer> post(PostTransferCommand command) {
        var unit = new PostingPipeline.Unit(null, pipeline.prepare(Postings.single(command)), outcome -> {
            throw new IllegalStateException("nothing is recorded without a key");
        });
        var outcome = ((PostingPipeline.Answered) pipeline.commit(List.of(unit)).get(0)).outcome();
        if (outcome instanceof PostingOutcome.Refused refused) {
            return new Outcome.Refused<>(refused.first().reason(), refused.first().detail());
        }
        return new Outcome.Done<>(((PostingOutcome.Posted) outcome).transfers().get(0));
    }

    @Override
    public Set<AccountId> accountsChangedBy(PostTransferCommand command) {
        if (command.kind() == TransferKind.TRANSFER) {
            return Stream.of(command.accountId(), command.counterparty()).collect(Collectors.toUnmodifiableSet());
        }
        return accounts.currencyCodeOf(command.tenant(), command.accountId())
                .flatMap(currencies::find)
                .map(currency -> Set.of(command.accountId(), AccountId.worldOf(command.tenant(), currency)))
                .orElse(Set.of(command.accountId()));
    }
}
