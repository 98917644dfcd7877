package dev.polyledger.ledger.application.view;

import jakarta.annotation.Nullable;
import java.util.List;
import java.util.Map;

/**
 * A transfer as the API and the {@code transfer.posted} event render it (api-contract.md, "Money movement");
 * {@code refundOf} names the original of a {@code REFUND}; {@code refundedAmount} and {@code refunds} (ids) tell
 * what was refunded of it; {@code holdId} names the hold a {@code HOLD_POST} captures; {@code batchId} names the batch of a batch item's transfer in its event (absent otherwise).
 */
public record TransferView(String id, String kind, String status, String sourceAccountId,
                           String destinationAccountId, String amount, String currency, @Nullable String reference,
                           String createdAt, Map<String, String> metadata, List<Leg> entries, @Nullable String batchId,
                           @Nullable String holdId, @Nullable String refundOf, String refundedAmount, List<String> refunds) {

    public TransferView(String id, String kind, String status, String sourceAccountId, String destinationAccountId,
                        String amount, String currency, String reference, String createdAt, Map<String, String> metadata,
                        List<Leg> entries, String batchId, String holdId) {
        this(id, kind, status, sourceAccountId, destinationAccountId, amount, currency, reference, createdAt, metadata,
                entries, batchId, holdId, null, null, List.of());
    }

    public TransferView(String id, String kind, String status, String sourceAccountId, String destinationAccountId,
                        String amount, String currency, String reference, String createdAt, Map<String, String> metadata,
                        List<Leg> entries, String batchId) {
        this(id, kind, status, sourceAccountId, destinationAccountId, amount, currency, reference, createdAt, metadata,
                entries, batchId, null);
    }

    /** One entry of the transfer, with the account's balance right after it and the entry's chain hash. */
    public record Leg(String accountId, String direction, String amount, String balanceAfter, String hash) {
    }
}
