package dev.polyledger.ledger.application.service;

import dev.polyledger.events.EventType;
import dev.polyledger.ledger.application.port.in.Outcome;
import dev.polyledger.ledger.application.port.in.RefundUseCase;
import dev.polyledger.ledger.application.port.out.Accounts;
import dev.polyledger.ledger.application.port.out.IdGenerator;
import dev.polyledger.ledger.application.port.out.LedgerWrites;
import dev.polyledger.ledger.application.port.out.Outbox;
import dev.polyledger.ledger.application.port.out.Refunds;
import dev.polyledger.ledger.application.port.out.Transfers;
import dev.polyledger.ledger.application.port.out.UnitOfWork;
import dev.polyledger.ledger.application.view.Views;
import dev.polyledger.ledger.domain.Account;
import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.LedgerRejection;
import dev.polyledger.ledger.domain.Money;
import dev.polyledger.ledger.domain.PostingRequest;
import dev.polyledger.ledger.domain.RefundRules;
import dev.polyledger.ledger.domain.Transfer;
import dev.polyledger.ledger.domain.TransferId;
import dev.polyledger.ledger.domain.TransferKind;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Refunds in one serializable transaction each: lock the original transfer's row (refunds of one transfer queue
 * there), then its two accounts in id order; apply {@link RefundRules}; write the refund transfer with its entries,
 * the accounts, the {@code transfer.posted} event ({@code data.kind} REFUND) and the original's raised
 * {@code refunded_amount} (bounded by a CHECK on its amount) together.
 */
@Singleton
public class RefundService implements RefundUseCase {
    private final Transfers transfers;
    private final Refunds refunds;
    private final Accounts accounts;
    private final LedgerWrites writes;
    private final UnitOfWork unitOfWork;
    private final IdGenerator ids;
    private final Clock clock;

    public RefundService(Transfers transfers, Refunds refunds, Accounts accounts, LedgerWrites writes,
                         UnitOfWork unitOfWork, IdGenerator ids, Clock clock) {
        this.transfers = transfers;
        this.refunds = refunds;
        this.accounts = accounts;
        this.writes = writes;
        this.unitOfWork = unitOfWork;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public List<AccountId> accountsOf(TransferId original, dev.polyledger.ledger.domain.TenantId tenant) {
        return transfers.find(tenant, original)
                .map(t -> List.of(t.sourceAccountId(), t.destinationAccountId()))
                .orElse(List.of());
    }

    @Override
    public Outcome<Transfer> refund(RefundTransfer command) {
        var context = command.context();
        return unitOfWork.inSerializableTransaction(accountsOf(command.original(), context.tenant()), () -> {
            Instant now = LedgerTime.now(clock);
            var found = refunds.lockOriginal(context.tenant(), command.original());
            if (found.isEmpty()) {
                return new Outcome.Refused<>(LedgerRejection.TRANSFER_NOT_FOUND,
                        "transfer " + command.original().value() + " does not exist");
            }
            Transfer original = found.get();
            Money amount = command.amount() == null ? null : Money.positive(command.amount(), original.amount().currency());
            Map<AccountId, Account> locked = accounts.lockInOrder(context.tenant(),
                    List.of(original.sourceAccountId(), original.destinationAccountId()));
            Account payer = locked.get(original.destinationAccountId());
            Account payee = locked.get(original.sourceAccountId());
            var request = new PostingRequest(new TransferId(ids.next()), ids.next(), ids.next(), TransferKind.REFUND,
                    new Money(1, original.amount().currency()), command.reference(), command.metadata(),
                    context.requestId());
            RefundRules.Result result = RefundRules.refund(original, amount, request, payer, payee, now);
            if (result instanceof RefundRules.Rejected rejected) {
                return new Outcome.Refused<>(rejected.reason(), rejected.detail());
            }
            var refunded = (RefundRules.Refunded) result;
            Transfer refund = refunded.refund();
            writes.write(new LedgerWrites.WriteSet(
                    List.of(new LedgerWrites.AccountChange(refunded.payer(), payer.version()),
                            new LedgerWrites.AccountChange(refunded.payee(), payee.version())),
                    List.of(refund),
                    List.of(new Outbox.OutboxEvent(ids.next(), EventType.TRANSFER_POSTED, refund.id().value(), 1,
                            refund.tenantId(), context.actor(), context.requestId(), now, Views.transfer(refund))),
                    List.of()));
            refunds.recordRefunded(refunded.original(), original.refundedAmount().minorUnits());
            return new Outcome.Done<>(refund);
        });
    }
}
