package dev.polyledger.ledger.application.service;

import dev.polyledger.events.EventType;
import dev.polyledger.ledger.application.port.in.Outcome;
import dev.polyledger.ledger.application.port.in.PostTransferCommand;
import dev.polyledger.ledger.application.port.in.PostTransferUseCase;
import dev.polyledger.ledger.application.port.out.Accounts;
import dev.polyledger.ledger.application.port.out.CurrencyCatalog;
import dev.polyledger.ledger.application.port.out.IdGenerator;
import dev.polyledger.ledger.application.port.out.Outbox;
import dev.polyledger.ledger.application.port.out.Transfers;
import dev.polyledger.ledger.application.port.out.UnitOfWork;
import dev.polyledger.ledger.application.view.Views;
import dev.polyledger.ledger.domain.Account;
import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.Currency;
import dev.polyledger.ledger.domain.LedgerRejection;
import dev.polyledger.ledger.domain.Money;
import dev.polyledger.ledger.domain.Posting;
import dev.polyledger.ledger.domain.PostingRequest;
import dev.polyledger.ledger.domain.Transfer;
import dev.polyledger.ledger.domain.TransferId;
import dev.polyledger.ledger.domain.TransferKind;
import dev.polyledger.ledger.domain.ValidationException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Posts transfers, credits and debits: locks both accounts in id order, applies {@link Posting}, and writes
 * the balances, the transfer with its entries and the {@code transfer.posted} outbox event in one
 * serializable transaction.
 */
@Singleton
public class TransferService implements PostTransferUseCase {
    private final Accounts accounts;
    private final Transfers transfers;
    private final Outbox outbox;
    private final UnitOfWork unitOfWork;
    private final IdGenerator ids;
    private final CurrencyCatalog currencies;
    private final Clock clock;

    public TransferService(Accounts accounts, Transfers transfers, Outbox outbox, UnitOfWork unitOfWork,
                           IdGenerator ids, CurrencyCatalog currencies, Clock clock) {
        this.accounts = accounts;
        this.transfers = transfers;
        this.outbox = outbox;
        this.unitOfWork = unitOfWork;
        this.ids = ids;
        this.currencies = currencies;
        this.clock = clock;
    }

    @Override
    public Outcome<Transfer> post(PostTransferCommand command) {
        return unitOfWork.inSerializableTransaction(() -> postInTransaction(command));
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

    private Outcome<Transfer> postInTransaction(PostTransferCommand command) {
        AccountId source;
        AccountId destination;
        Currency currency;
        if (command.kind() == TransferKind.TRANSFER) {
            currency = supported(command.currencyCode());
            source = command.accountId();
            destination = command.counterparty();
            // Malformed input fails validation (400, not recorded) before any business rule answers.
            Money.positive(command.amount(), currency);
            if (source.equals(destination)) {
                return new Outcome.Refused<>(LedgerRejection.SAME_ACCOUNT, "source and destination are the same account");
            }
        } else {
            var code = accounts.currencyCodeOf(command.tenant(), command.accountId());
            if (code.isEmpty()) {
                return notFound(command.accountId());
            }
            currency = supported(code.get());
            AccountId world = AccountId.worldOf(command.tenant(), currency);
            source = command.kind() == TransferKind.CREDIT ? world : command.accountId();
            destination = command.kind() == TransferKind.CREDIT ? command.accountId() : world;
        }
        Money amount = Money.positive(command.amount(), currency);

        Map<AccountId, Account> locked = accounts.lockInOrder(command.tenant(), List.of(source, destination));
        if (!locked.containsKey(source)) {
            return notFound(source);
        }
        if (!locked.containsKey(destination)) {
            return notFound(destination);
        }
        var request = new PostingRequest(new TransferId(ids.next()), ids.next(), ids.next(), command.kind(), amount,
                command.reference(), command.metadata(), command.context().requestId());
        var now = LedgerTime.now(clock);
        Posting.Result result = Posting.post(request, locked.get(source), locked.get(destination), now);
        if (result instanceof Posting.Rejected rejected) {
            return new Outcome.Refused<>(rejected.reason(), rejected.detail());
        }
        var posted = (Posting.Posted) result;
        accounts.update(List.of(posted.source(), posted.destination()));
        Transfer transfer = posted.transfer();
        transfers.add(transfer);
        outbox.append(new Outbox.OutboxEvent(ids.next(), EventType.TRANSFER_POSTED, transfer.id().value(), 1,
                transfer.tenantId(), command.context().actor(), command.context().requestId(), now,
                Views.transfer(transfer)));
        return new Outcome.Done<>(transfer);
    }

    private Currency supported(String code) {
        return currencies.find(code).orElseThrow(
                () -> new ValidationException("currency", "currency " + code + " is not supported"));
    }

    private static <T> Outcome<T> notFound(AccountId id) {
        return new Outcome.Refused<>(LedgerRejection.ACCOUNT_NOT_FOUND, "account " + id + " does not exist");
    }
}
