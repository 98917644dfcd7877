package dev.polyledger.ledger.application.view;

import jakarta.annotation.Nullable;
import java.util.List;
import java.util.Map;

/**
 * A hold as the API and the {@code hold.*} events render it (api-contract.md, "Holds"). Amounts are decimal strings
 * in major units with the currency's full scale; {@code remainingAmount} is what is still reserved (zero once the
 * hold is posted, voided or expired); {@code transfers} are the ids of its {@code HOLD_POST} transfers;
 * {@code transfer} is the capture a {@code hold.posted} event reports (absent elsewhere).
 */
public record HoldView(String id, String status, String amount, String postedAmount, String remainingAmount,
                       String currency, String sourceAccountId, String destinationAccountId, String expiresAt,
                       String createdAt, String updatedAt, @Nullable String reference, Map<String, String> metadata,
                       List<String> transfers, long version, @Nullable TransferView transfer) {
}
