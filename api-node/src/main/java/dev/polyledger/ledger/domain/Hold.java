package dev.polyledger.ledger.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A hold (two-phase transfer, api-contract.md "Holds"): money reserved on the source account now and moved to the
 * destination later, in one or several captures. Immutable; the rules of its life are in {@link HoldRules}.
 *
 * <p>States: {@code PENDING} → {@code POSTED} (captured in full, or a capture marked {@code final}) |
 * {@code VOIDED} (released by the client) | {@code EXPIRED} (released at {@code expiresAt}). Only a pending hold
 * reserves money: its {@link #remaining()} is part of the source account's held amount.
 *
 * @param tenantId             the tenant of both accounts
 * @param id                   identifier
 * @param sourceAccountId      the account the money is reserved on
 * @param destinationAccountId the account a capture credits
 * @param amount               the amount reserved at creation (positive)
 * @param postedAmount         the sum of its captures so far (0 ≤ postedAmount ≤ amount)
 * @param status               lifecycle state
 * @param reference            the client's reference; may be null
 * @param metadata             client-supplied pairs
 * @param requestId            X-Request-Id of the request that placed it; may be null
 * @param expiresAt            when a still pending hold expires and its remaining amount is released
 * @param createdAt            when it was placed
 * @param updatedAt            when it last changed
 * @param version              1 when placed, +1 with every change (the sequence of its events)
 * @param transfers            its {@code HOLD_POST} transfers, in capture order
 */
public record Hold(
        TenantId tenantId,
        UUID id,
        AccountId sourceAccountId,
        AccountId destinationAccountId,
        Money amount,
        Money postedAmount,
        Status status,
        String reference,
        Metadata metadata,
        String requestId,
        Instant expiresAt,
        Instant createdAt,
        Instant updatedAt,
        long version,
        List<TransferId> transfers) {

    /** Lifecycle of a hold. */
    public enum Status { PENDING, POSTED, VOIDED, EXPIRED }

    public Hold {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(metadata, "metadata");
        transfers = List.copyOf(transfers);
        if (amount.minorUnits() <= 0 || postedAmount.isNegative() || postedAmount.minorUnits() > amount.minorUnits()
                || !postedAmount.currency().equals(amount.currency())) {
            throw new IllegalStateException("hold " + id + ": 0 <= posted " + postedAmount + " <= amount " + amount + " broken");
        }
    }

    public Currency currency() {
        return amount.currency();
    }

    /** What is still reserved: amount − postedAmount while pending, zero once posted, voided or expired. */
    public Money remaining() {
        return status == Status.PENDING ? amount.minus(postedAmount) : Money.zero(currency());
    }

    /**
     * The state a reader must see at {@code now}: a pending hold past its expiry is {@code EXPIRED} even in the
     * (at most a few seconds) before the sweeper has released it.
     */
    public Status statusAt(Instant now) {
        return status == Status.PENDING && !now.isBefore(expiresAt) ? Status.EXPIRED : status;
    }

    Hold changed(Money newPosted, Status newStatus, List<TransferId> newTransfers, Instant now) {
        return new Hold(tenantId, id, sourceAccountId, destinationAccountId, amount, newPosted, newStatus, reference,
                metadata, requestId, expiresAt, createdAt, now, version + 1, newTransfers);
    }
}
