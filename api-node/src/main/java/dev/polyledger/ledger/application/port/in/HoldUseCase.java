package dev.polyledger.ledger.application.port.in;

import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.Hold;
import dev.polyledger.ledger.domain.Metadata;
import dev.polyledger.ledger.domain.Transfer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Holds (api-contract.md, "Holds: two-phase transfers"): place, capture (post), void, and the eager expiry. Each
 * command runs in one serializable transaction in which the hold, its source account's held amount (and, for a
 * capture, the {@code HOLD_POST} transfer with its entries) and the outbox event change together.
 */
public interface HoldUseCase {

    /**
     * @throws dev.polyledger.ledger.domain.ValidationException for an unsupported currency, a malformed amount, or an
     *                                                          {@code expiresAt} not in (now, now + 30 days]
     */
    Outcome<Hold> place(PlaceHold command);

    /** A capture: the hold after it and the {@code HOLD_POST} transfer. */
    Outcome<Capture> post(PostHold command);

    Outcome<Hold> voidHold(UUID holdId, RequestContext context);

    /**
     * Expires up to {@code limit} pending holds whose {@code expiresAt} has passed, releasing their remaining amount,
     * each with a {@code hold.expired} event; safe to run on several nodes at once.
     *
     * @return how many holds this call expired
     */
    int expireDue(int limit);

    /** The hold of {@code tenant}; empty when it does not exist there. */
    java.util.Optional<Hold> find(dev.polyledger.ledger.domain.TenantId tenant, UUID holdId);

    /**
     * The holds with {@code account} as source, newest first.
     *
     * @param status only holds stored in this state; null for all
     * @param after  the id of the last hold of the previous page; null for the first
     */
    List<Hold> ofAccount(dev.polyledger.ledger.domain.TenantId tenant, AccountId account, Hold.Status status, int limit,
                         UUID after);

    /** Every account the hold's commands change (to queue behind their other writers); empty for an unknown hold. */
    List<AccountId> accountsOf(UUID holdId, RequestContext context);

    /**
     * @param amount    positive, in major units
     * @param expiresAt null for the default (7 days)
     */
    record PlaceHold(AccountId source, AccountId destination, BigDecimal amount, String currencyCode, String reference,
                     Metadata metadata, Instant expiresAt, RequestContext context) {
        public PlaceHold {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(context, "context");
            if (reference != null && reference.length() > PostTransferCommand.MAX_REFERENCE_LENGTH) {
                throw new dev.polyledger.ledger.domain.ValidationException("reference",
                        "reference has more than " + PostTransferCommand.MAX_REFERENCE_LENGTH + " characters");
            }
            metadata = metadata == null ? Metadata.empty() : metadata;
        }
    }

    /**
     * @param amount       null: all that remains
     * @param finalCapture null: final only when it captures all that remains
     */
    record PostHold(UUID holdId, BigDecimal amount, Boolean finalCapture, String reference, Metadata metadata,
                    RequestContext context) {
        public PostHold {
            Objects.requireNonNull(holdId, "holdId");
            Objects.requireNonNull(context, "context");
            if (reference != null && reference.length() > PostTransferCommand.MAX_REFERENCE_LENGTH) {
                throw new dev.polyledger.ledger.domain.ValidationException("reference",
                        "reference has more than " + PostTransferCommand.MAX_REFERENCE_LENGTH + " characters");
            }
            metadata = metadata == null ? Metadata.empty() : metadata;
        }
    }

    /** The hold after a capture, and the capture's transfer. */
    record Capture(Hold hold, Transfer transfer) {
    }
}
