package dev.polyledger.ledger.application.service;

import dev.polyledger.events.EventType;
import dev.polyledger.ledger.application.port.in.ChangeAccountStatusCommand;
import dev.polyledger.ledger.application.port.in.ChangeAccountStatusUseCase;
import dev.polyledger.ledger.application.port.in.OpenAccountCommand;
import dev.polyledger.ledger.application.port.in.OpenAccountUseCase;
import dev.polyledger.ledger.application.port.in.Outcome;
import dev.polyledger.ledger.application.port.in.RequestContext;
import dev.polyledger.ledger.application.port.out.Accounts;
import dev.polyledger.ledger.application.port.out.CurrencyCatalog;
import dev.polyledger.ledger.application.port.out.IdGenerator;
import dev.polyledger.ledger.application.port.out.Outbox;
import dev.polyledger.ledger.application.port.out.UnitOfWork;
import dev.polyledger.ledger.application.view.Views;
import dev.polyledger.ledger.domain.Account;
import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.LedgerRejection;
import dev.polyledger.ledger.domain.StatusChange;
import dev.polyledger.ledger.domain.ValidationException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Opens accounts and changes their status, each in one serializable transaction with its outbox event.
 * An account event's {@code sequence} is the account's version + 1, so it grows with commit order. Opening a
 * tenant's first account of a currency also creates that tenant's world account of the currency (the other
 * side of its credits and debits), in the same transaction.
 */
@Singleton
public class AccountService implements OpenAccountUseCase, ChangeAccountStatusUseCase {
    private final Accounts accounts;
    private final Outbox outbox;
    private final UnitOfWork unitOfWork;
    private final IdGenerator ids;
    private final CurrencyCatalog currencies;
    private final Clock clock;

    public AccountService(Accounts accounts, Outbox outbox, UnitOfWork unitOfWork, IdGenerator ids,
                          CurrencyCatalog currencies, Clock clock) {
        this.accounts = accounts;
        this.outbox = outbox;
        this.unitOfWork = unitOfWork;
        this.ids = ids;
        this.currencies = currencies;
        this.clock = clock;
    }

    @Override
    public Account open(OpenAccountCommand command) {
        var currency = currencies.find(command.currencyCode()).orElseThrow(() -> new ValidationException("currency",
                "currency " + command.currencyCode() + " is not supported"));
        return unitOfWork.inSerializableTransaction(() -> {
            var now = LedgerTime.now(clock);
            var tenant = command.context().tenant();
            accounts.ensureWorld(tenant, currency, now);
            var account = Account.open(tenant, new AccountId(ids.next()), currency, command.type(), command.ownerId(),
                    command.allowNegativeBalance(), command.metadata(), now);
            accounts.add(account);
            publish(EventType.ACCOUNT_CREATED, account, command.context(), now);
            return account;
        });
    }

    @Override
    public Outcome<Account> change(ChangeAccountStatusCommand command) {
        return unitOfWork.inSerializableTransaction(() -> {
            var account = accounts.lockInOrder(command.context().tenant(), List.of(command.accountId()))
                    .get(command.accountId());
            if (account == null) {
                return new Outcome.Refused<>(LedgerRejection.ACCOUNT_NOT_FOUND,
                        "account " + command.accountId() + " does not exist");
            }
            var now = LedgerTime.now(clock);
            StatusChange.Result result = StatusChange.apply(account, command.action(), now);
            if (result instanceof StatusChange.Rejected rejected) {
                return new Outcome.Refused<>(rejected.reason(), rejected.detail());
            }
            if (result instanceof StatusChange.Unchanged unchanged) {
                return new Outcome.Done<>(unchanged.account());
            }
            var changed = (StatusChange.Changed) result;
            accounts.update(List.of(changed.account()));
            publish(eventOf(changed.action()), changed.account(), command.context(), now);
            return new Outcome.Done<>(changed.account());
        });
    }

    private void publish(EventType type, Account account, RequestContext context, Instant now) {
        outbox.append(new Outbox.OutboxEvent(ids.next(), type, account.id().value(), account.version() + 1,
                account.tenantId(), context.actor(), context.requestId(), now, Views.account(account)));
    }

    private static EventType eventOf(StatusChange.Action action) {
        return switch (action) {
            case FREEZE -> EventType.ACCOUNT_FROZEN;
            case UNFREEZE -> EventType.ACCOUNT_UNFROZEN;
            case CLOSE -> EventType.ACCOUNT_CLOSED;
        };
    }
}
