package dev.polyledger.ledger.application.port.in;

import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.Metadata;
import dev.polyledger.ledger.domain.TenantId;
import dev.polyledger.ledger.domain.Transfer;
import dev.polyledger.ledger.domain.TransferId;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/** Refunds of transfers (api-contract.md, "Refunds"). */
public interface RefundUseCase {

    /**
     * Posts a {@code REFUND} of the original: {@code Done} with the refund transfer, or {@code Refused} with
     * TRANSFER_NOT_FOUND, TRANSFER_NOT_REFUNDABLE, REFUND_EXCEEDS_TRANSFER, ACCOUNT_NOT_ACTIVE, INSUFFICIENT_FUNDS…
     *
     * @throws dev.polyledger.ledger.domain.ValidationException for an amount with more decimals than the currency has
     */
    Outcome<Transfer> refund(RefundTransfer command);

    /** The original's two accounts (to queue behind their other writers); empty when it does not exist. */
    List<AccountId> accountsOf(TransferId original, TenantId tenant);

    /** @param amount null: all that is left to refund */
    record RefundTransfer(TransferId original, BigDecimal amount, String reference, Metadata metadata,
                          RequestContext context) {
        public RefundTransfer {
            Objects.requireNonNull(original, "original");
            Objects.requireNonNull(context, "context");
            if (reference != null && reference.length() > PostTransferCommand.MAX_REFERENCE_LENGTH) {
                throw new dev.polyledger.ledger.domain.ValidationException("reference",
                        "reference has more than " + PostTransferCommand.MAX_REFERENCE_LENGTH + " characters");
            }
            metadata = metadata == null ? Metadata.empty() : metadata;
        }
    }
}
