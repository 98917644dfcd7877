package dev.polyledger.ledger.application.view;

import dev.polyledger.ledger.domain.Account;
import dev.polyledger.ledger.domain.ChainVerification;
import dev.polyledger.ledger.domain.Entry;
import dev.polyledger.ledger.domain.HashChain;
import dev.polyledger.ledger.domain.Transfer;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** Renders domain objects into the published views; one place, so the API and the events agree. */
public final class Views {
    private Views() {
    }

    public static AccountView account(Account a) {
        return new AccountView(a.id().toString(), a.currency().code(), a.type().name(), a.ownerId(),
                a.status().name(), a.balance().toDecimalString(), a.allowNegativeBalance(), a.version(),
                time(a.createdAt()), time(a.updatedAt()), a.metadata().values(), a.heldAmount().toDecimalString(),
                a.availableBalance().toDecimalString());
    }

    public static TransferView transfer(Transfer t) {
        return transfer(t, null);
    }

    /** The transfer of a batch item, naming its batch ({@code transfer.posted} of a batch). */
    public static TransferView transfer(Transfer t, java.util.UUID batchId) {
        var legs = t.entries().stream()
                .map(e -> new TransferView.Leg(e.accountId().toString(), e.direction().name(),
                        e.amount().toDecimalString(), e.balanceAfter().toDecimalString(), e.hash()))
                .toList();
        return new TransferView(t.id().toString(), t.kind().name(), t.status().name(),
                t.sourceAccountId().toString(), t.destinationAccountId().toString(), t.amount().toDecimalString(),
                t.amount().currency().code(), t.reference(), time(t.createdAt()), t.metadata().values(), legs,
                batchId == null ? null : batchId.toString(), t.holdId() == null ? null : t.holdId().toString(),
                t.refundOf() == null ? null : t.refundOf().value().toString(), t.refundedAmount().toDecimalString(),
                t.refunds().stream().map(r -> r.value().toString()).toList());
    }

    /**
     * The hold as a reader sees it at {@code now}: a pending hold past its expiry is shown {@code EXPIRED} with
     * nothing remaining, even before the sweeper has released it.
     *
     * @param capture the capture a {@code hold.posted} event reports; null otherwise
     */
    public static HoldView hold(dev.polyledger.ledger.domain.Hold h, Instant now, Transfer capture) {
        var status = h.statusAt(now);
        var remaining = status == dev.polyledger.ledger.domain.Hold.Status.PENDING ? h.remaining()
                : dev.polyledger.ledger.domain.Money.zero(h.currency());
        return new HoldView(h.id().toString(), status.name(), h.amount().toDecimalString(),
                h.postedAmount().toDecimalString(), remaining.toDecimalString(), h.currency().code(),
                h.sourceAccountId().toString(), h.destinationAccountId().toString(), time(h.expiresAt()),
                time(h.createdAt()), time(h.updatedAt()), h.reference(), h.metadata().values(),
                h.transfers().stream().map(Object::toString).toList(), h.version(),
                capture == null ? null : transfer(capture));
    }

    /** The entry with what its hash covers, its time exactly as hashed ({@link HashChain#time}). */
    public static EntryView entry(Entry e) {
        return new EntryView(e.id().toString(), e.transferId().toString(), e.accountId().toString(),
                e.direction().name(), e.amount().toDecimalString(), e.amount().currency().code(),
                e.balanceAfter().toDecimalString(), e.accountVersion(), HashChain.time(e.createdAt()), e.hash());
    }

    public static ChainVerificationView verification(ChainVerification v) {
        return new ChainVerificationView(v.accountId().toString(), v.valid(), v.entries(), v.headHash(),
                v.firstBrokenVersion());
    }

    public static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
