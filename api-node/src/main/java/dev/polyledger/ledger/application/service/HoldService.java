package dev.polyledger.ledger.application.service;

import dev.polyledger.events.EventType;
import dev.polyledger.ledger.application.port.in.HoldUseCase;
import dev.polyledger.ledger.application.port.in.Outcome;
import dev.polyledger.ledger.application.port.in.RequestContext;
import dev.polyledger.ledger.application.port.out.Accounts;
import dev.polyledger.ledger.application.port.out.CurrencyCatalog;
import dev.polyledger.ledger.application.port.out.Holds;
import dev.polyledger.ledger.application.port.out.IdGenerator;
import dev.polyledger.ledger.application.port.out.LedgerWrites;
import dev.polyledger.ledger.application.port.out.Outbox;
import dev.polyledger.ledger.application.port.out.UnitOfWork;
import dev.polyledger.ledger.application.view.Views;
import dev.polyledger.ledger.domain.Account;
import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.Currency;
import dev.polyledger.ledger.domain.Hold;
import dev.polyledger.ledger.domain.HoldRules;
import dev.polyledger.ledger.domain.LedgerRejection;
import dev.polyledger.ledger.domain.Money;
import dev.polyledger.ledger.domain.Metadata;
import dev.polyledger.ledger.domain.PostingRequest;
import dev.polyledger.ledger.domain.Transfer;
import dev.polyledger.ledger.domain.TransferId;
import dev.polyledger.ledger.domain.TransferKind;
import dev.polyledger.ledger.domain.ValidationException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Holds through the ledger's ports: each command is one serializable transaction that locks the hold (when it
 * exists) and then its accounts in id order, applies {@link HoldRules}, and hands the changed accounts (with the
 * versions they were locked at), the {@code HOLD_POST} transfer and the outbox events to {@link LedgerWrites}, the
 * hold to {@link Holds}. Lock order everywhere: holds, then accounts; the sweeper skips holds another transaction
 * has locked.
 *
 * <p>A pending hold found past its {@code expiresAt} by a post or void is expired in that transaction (released,
 * {@code hold.expired}) and the command is refused {@code HOLD_NOT_PENDING}: nobody waits for the sweeper.
 */
@Singleton
public class HoldService implements HoldUseCase {
    /** The default lifetime of a hold, and the longest one may be placed for. */
    static final Duration DEFAULT_LIFETIME = Duration.ofDays(7);
    static final Duration MAX_LIFETIME = Duration.ofDays(30);

    private final Accounts accounts;
    private final Holds holds;
    private final LedgerWrites writes;
    private final UnitOfWork unitOfWork;
    private final IdGenerator ids;
    private final CurrencyCatalog currencies;
    private final Clock clock;

    public HoldService(Accounts accounts, Holds holds, LedgerWrites writes, UnitOfWork unitOfWork, IdGenerator ids,
                       CurrencyCatalog currencies, Clock clock) {
        this.accounts = accounts;
        this.holds = holds;
        this.writes = writes;
        this.unitOfWork = unitOfWork;
        this.ids = ids;
        this.currencies = currencies;
        this.clock = clock;
    }

    @Override
    public Outcome<Hold> place(PlaceHold command) {
        Currency currency = currencies.find(command.currencyCode() == null ? "" : command.currencyCode()).orElseThrow(
                () -> new ValidationException("currency", "currency " + command.currencyCode() + " is not supported"));
        Money amount = Money.positive(command.amount(), currency);
        Instant requested = LedgerTime.now(clock);
        Instant expiresAt = command.expiresAt() == null ? requested.plus(DEFAULT_LIFETIME) : command.expiresAt();
        if (!expiresAt.isAfter(requested) || expiresAt.isAfter(requested.plus(MAX_LIFETIME))) {
            throw new ValidationException("expiresAt", "expiresAt must be in the future and at most 30 days ahead");
        }
        if (command.source().equals(command.destination())) {
            return new Outcome.Refused<>(LedgerRejection.SAME_ACCOUNT, "source and destination are the same account");
        }
        var tenant = command.context().tenant();
        return unitOfWork.inSerializableTransaction(List.of(command.source(), command.destination()), () -> {
            Instant now = LedgerTime.now(clock);
            Map<AccountId, Account> locked = accounts.lockInOrder(tenant, List.of(command.source(), command.destination()));
            Account source = locked.get(command.source());
            Account destination = locked.get(command.destination());
            if (source == null || destination == null) {
                return new Outcome.Refused<>(LedgerRejection.ACCOUNT_NOT_FOUND, "account "
                        + (source == null ? command.source() : command.destination()) + " does not exist");
            }
            var placement = new HoldRules.Placement(ids.next(), amount, command.reference(), command.metadata(),
                    command.context().requestId(), expiresAt);
            HoldRules.Result result = HoldRules.place(placement, source, destination, now);
            if (result instanceof HoldRules.Rejected rejected) {
                return new Outcome.Refused<>(rejected.reason(), rejected.detail());
            }
            var changed = (HoldRules.Changed) result;
            holds.insertAll(List.of(changed.hold()));
            writes.write(new LedgerWrites.WriteSet(List.of(new LedgerWrites.AccountChange(changed.source(), source.version())),
                    List.of(), List.of(event(EventType.HOLD_CREATED, changed.hold(), null, command.context(), now)), List.of()));
            return new Outcome.Done<>(changed.hold());
        });
    }

    @Override
    public Outcome<Capture> post(PostHold command) {
        var context = command.context();
        return unitOfWork.inSerializableTransaction(accountsOf(command.holdId(), context), () -> {
            Instant now = LedgerTime.now(clock);
            Optional<Hold> found = holds.lock(context.tenant(), command.holdId());
            if (found.isEmpty()) {
                return new Outcome.Refused<>(LedgerRejection.HOLD_NOT_FOUND, "hold " + command.holdId() + " does not exist");
            }
            Hold hold = found.get();
            Map<AccountId, Account> locked = accounts.lockInOrder(context.tenant(),
                    List.of(hold.sourceAccountId(), hold.destinationAccountId()));
            Account source = locked.get(hold.sourceAccountId());
            Account destination = locked.get(hold.destinationAccountId());
            if (expiredInPassing(hold, source, context, now)) {
                return new Outcome.Refused<>(LedgerRejection.HOLD_NOT_PENDING, "hold " + hold.id() + " is EXPIRED");
            }
            Money amount = command.amount() == null ? null : Money.positive(command.amount(), hold.currency());
            var request = new PostingRequest(new TransferId(ids.next()), ids.next(), ids.next(), TransferKind.HOLD_POST,
                    amount == null ? new Money(1, hold.currency()) : amount, command.reference(), command.metadata(),
                    context.requestId(), hold.id());
            HoldRules.Result result = HoldRules.post(hold, amount, command.finalCapture(), request, source, destination, now);
            if (result instanceof HoldRules.Rejected rejected) {
                return new Outcome.Refused<>(rejected.reason(), rejected.detail());
            }
            var changed = (HoldRules.Changed) result;
            Transfer transfer = changed.transfer();
            holds.updateAll(List.of(changed.hold()));
            writes.write(new LedgerWrites.WriteSet(
                    List.of(new LedgerWrites.AccountChange(changed.source(), source.version()),
                            new LedgerWrites.AccountChange(changed.destination(), destination.version())),
                    List.of(transfer),
                    List.of(new Outbox.OutboxEvent(ids.next(), EventType.TRANSFER_POSTED, transfer.id().value(), 1,
                                    transfer.tenantId(), context.actor(), context.requestId(), now, Views.transfer(transfer)),
                            event(EventType.HOLD_POSTED, changed.hold(), transfer, context, now)),
                    List.of()));
            return new Outcome.Done<>(new Capture(changed.hold(), transfer));
        });
    }

    @Override
    public Outcome<Hold> voidHold(UUID holdId, RequestContext context) {
        return unitOfWork.inSerializableTransaction(accountsOf(holdId, context), () -> {
            Instant now = LedgerTime.now(clock);
            Optional<Hold> found = holds.lock(context.tenant(), holdId);
            if (found.isEmpty()) {
                return new Outcome.Refused<>(LedgerRejection.HOLD_NOT_FOUND, "hold " + holdId + " does not exist");
            }
            Hold hold = found.get();
            Account source = accounts.lockInOrder(context.tenant(), List.of(hold.sourceAccountId())).get(hold.sourceAccountId());
            if (expiredInPassing(hold, source, context, now)) {
                return new Outcome.Refused<>(LedgerRejection.HOLD_NOT_PENDING, "hold " + hold.id() + " is EXPIRED");
            }
            HoldRules.Result result = HoldRules.voidHold(hold, source, now);
            if (result instanceof HoldRules.Rejected rejected) {
                return new Outcome.Refused<>(rejected.reason(), rejected.detail());
            }
            var changed = (HoldRules.Changed) result;
            holds.updateAll(List.of(changed.hold()));
            writes.write(new LedgerWrites.WriteSet(List.of(new LedgerWrites.AccountChange(changed.source(), source.version())),
                    List.of(), List.of(event(EventType.HOLD_VOIDED, changed.hold(), null, context, now)), List.of()));
            return new Outcome.Done<>(changed.hold());
        });
    }

    @Override
    public int expireDue(int limit) {
        return unitOfWork.inSerializableTransaction(() -> {
            Instant now = LedgerTime.now(clock);
            List<Hold> due = holds.lockDue(now, limit);
            if (due.isEmpty()) {
                return 0;
            }
            var sources = new LinkedHashSet<AccountId>();
            due.forEach(h -> sources.add(h.sourceAccountId()));
            Map<AccountId, Account> locked = accounts.lockAllInOrder(sources);
            Map<AccountId, Account> current = new HashMap<>(locked);
            var expired = new ArrayList<Hold>();
            var events = new ArrayList<Outbox.OutboxEvent>();
            for (Hold hold : due) {
                Account source = current.get(hold.sourceAccountId());
                if (HoldRules.expire(hold, source, now) instanceof HoldRules.Changed changed) {
                    current.put(source.id(), changed.source());
                    expired.add(changed.hold());
                    events.add(event(EventType.HOLD_EXPIRED, changed.hold(), null,
                            RequestContext.of(hold.tenantId()), now));
                }
            }
            var changes = new ArrayList<LedgerWrites.AccountChange>();
            current.forEach((id, account) -> {
                long read = locked.get(id).version();
                if (account.version() != read) {
                    changes.add(new LedgerWrites.AccountChange(account, read));
                }
            });
            holds.updateAll(expired);
            writes.write(new LedgerWrites.WriteSet(changes, List.of(), events, List.of()));
            return expired.size();
        });
    }

    @Override
    public Optional<Hold> find(dev.polyledger.ledger.domain.TenantId tenant, UUID holdId) {
        return holds.find(tenant, holdId);
    }

    @Override
    public List<Hold> ofAccount(dev.polyledger.ledger.domain.TenantId tenant, AccountId account, Hold.Status status,
                                int limit, UUID after) {
        return holds.bySource(tenant, account, status, limit, after);
    }

    @Override
    public List<AccountId> accountsOf(UUID holdId, RequestContext context) {
        return holds.find(context.tenant(), holdId)
                .map(h -> List.of(h.sourceAccountId(), h.destinationAccountId()))
                .orElse(List.of());
    }

    /** Expires {@code hold} now when it is pending past its expiry; whether it did. */
    private boolean expiredInPassing(Hold hold, Account source, RequestContext context, Instant now) {
        if (hold.status() != Hold.Status.PENDING || now.isBefore(hold.expiresAt())) {
            return false;
        }
        var changed = (HoldRules.Changed) HoldRules.expire(hold, source, now);
        holds.updateAll(List.of(changed.hold()));
        writes.write(new LedgerWrites.WriteSet(List.of(new LedgerWrites.AccountChange(changed.source(), source.version())),
                List.of(), List.of(event(EventType.HOLD_EXPIRED, changed.hold(), null, context, now)), List.of()));
        return true;
    }

    private Outbox.OutboxEvent event(EventType type, Hold hold, Transfer capture, RequestContext context, Instant now) {
        return new Outbox.OutboxEvent(ids.next(), type, hold.id(), hold.version(), hold.tenantId(), context.actor(),
                context.requestId(), now, Views.hold(hold, now, capture));
    }
}
