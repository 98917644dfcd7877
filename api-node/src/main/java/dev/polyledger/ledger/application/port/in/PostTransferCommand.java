package dev.polyledger.ledger.application.port.in;

import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.Metadata;
import dev.polyledger.ledger.domain.TenantId;
import dev.polyledger.ledger.domain.TransferKind;
import dev.polyledger.ledger.domain.ValidationException;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Move money. Built by {@link #transfer}, {@link #credit} or {@link #debit}; for a credit or debit the
 * other side is the world account of the account's currency, resolved when posting.
 *
 * @param kind         what is moved between which accounts
 * @param accountId    the source of a transfer or debit; the destination of a credit
 * @param counterparty the destination of a transfer; null for credits and debits
 * @param amount       positive amount in major units, e.g. {@code 10.50}; its scale is checked against the
 *                     currency when posting
 * @param currencyCode the currency a transfer is in; null for credits and debits (the account's)
 * @param reference    client reference, at most 255 characters; may be null
 * @param metadata     client pairs
 * @param context      tenant, actor and X-Request-Id of the request
 */
public record PostTransferCommand(TransferKind kind, AccountId accountId, AccountId counterparty, BigDecimal amount,
                                  String currencyCode, String reference, Metadata metadata, RequestContext context) {
    public static final int MAX_REFERENCE_LENGTH = 255;
    /** Plain decimal in major units: digits, optionally a dot and digits. No sign, no exponent. */
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,30}(\\.[0-9]{1,18})?");

    public PostTransferCommand {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(amount, "amount");
        if (accountId == null) {
            throw new ValidationException(kind == TransferKind.TRANSFER ? "sourceAccountId" : "accountId",
                    "account id is required");
        }
        if (kind == TransferKind.TRANSFER) {
            if (counterparty == null) {
                throw new ValidationException("destinationAccountId", "destinationAccountId is required");
            }
            if (currencyCode == null || currencyCode.isBlank()) {
                throw new ValidationException("currency", "currency is required");
            }
        }
        if (amount.signum() <= 0) {
            throw new ValidationException("amount", "amount must be positive");
        }
        if (reference != null && reference.length() > MAX_REFERENCE_LENGTH) {
            throw new ValidationException("reference", "reference has more than " + MAX_REFERENCE_LENGTH + " characters");
        }
        metadata = metadata == null ? Metadata.empty() : metadata;
    }

    public static PostTransferCommand transfer(AccountId source, AccountId destination, String amount,
                                               String currencyCode, String reference, Metadata metadata,
                                               RequestContext context) {
        return new PostTransferCommand(TransferKind.TRANSFER, source, destination, parseAmount(amount),
                currencyCode, reference, metadata, context);
    }

    public static PostTransferCommand credit(AccountId account, String amount, String reference, Metadata metadata,
                                             RequestContext context) {
        return new PostTransferCommand(TransferKind.CREDIT, account, null, parseAmount(amount), null, reference,
                metadata, context);
    }

    public static PostTransferCommand debit(AccountId account, String amount, String reference, Metadata metadata,
                                            RequestContext context) {
        return new PostTransferCommand(TransferKind.DEBIT, account, null, parseAmount(amount), null, reference,
                metadata, context);
    }

    /**
     * Parses an amount as the contract writes it: a JSON string in major units such as {@code "10"},
     * {@code "10.5"}, {@code "10.50"}. Negative, zero, exponent notation or anything else is refused.
     *
     * @throws ValidationException (field {@code amount})
     */
    /** The tenant whose accounts the command moves money between. */
    public TenantId tenant() {
        return context.tenant();
    }

    public static BigDecimal parseAmount(String text) {
        if (text == null) {
            throw new ValidationException("amount", "amount is required");
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw new ValidationException("amount",
                    "amount must be a positive decimal string in major units, like \"10.50\"");
        }
        var value = new BigDecimal(text);
        if (value.signum() <= 0) {
            throw new ValidationException("amount", "amount must be positive");
        }
        return value;
    }
}
