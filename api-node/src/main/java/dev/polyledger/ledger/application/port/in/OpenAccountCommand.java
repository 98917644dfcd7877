package dev.polyledger.ledger.application.port.in;

import dev.polyledger.ledger.domain.AccountType;
import dev.polyledger.ledger.domain.Metadata;
import dev.polyledger.ledger.domain.ValidationException;

/**
 * Open an account (POST /api/v1/accounts).
 *
 * @param currencyCode         ISO 4217 code; must be one of the configured currencies
 * @param type                 {@code USER} when null
 * @param ownerId              client's owner reference, at most 255 characters; may be null
 * @param allowNegativeBalance false when null
 * @param metadata             client pairs
 * @param context              tenant, actor and X-Request-Id of the request, carried into the event
 */
public record OpenAccountCommand(String currencyCode, AccountType type, String ownerId, boolean allowNegativeBalance,
                                 Metadata metadata, RequestContext context) {
    public static final int MAX_OWNER_ID_LENGTH = 255;

    /** @throws ValidationException when the currency is missing or the owner id too long */
    public OpenAccountCommand {
        java.util.Objects.requireNonNull(context, "context");
        if (currencyCode == null || currencyCode.isBlank()) {
            throw new ValidationException("currency", "currency is required");
        }
        if (type == null) {
            type = AccountType.USER;
        }
        if (ownerId != null && ownerId.length() > MAX_OWNER_ID_LENGTH) {
            throw new ValidationException("ownerId", "ownerId has more than " + MAX_OWNER_ID_LENGTH + " characters");
        }
        metadata = metadata == null ? Metadata.empty() : metadata;
    }
}
