package dev.polyledger.ledger.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * JSON request bodies of the API (api-contract.md); every field may be absent and is checked by the command. The
 * {@code @Schema} annotations state the same rules in the OpenAPI document: amounts are decimal strings in major
 * units ({@link #AMOUNT}), currencies ISO 4217 codes, ids UUIDs; {@code @Nullable} marks the optional fields
 * (absent and {@code null} are the same).
 */
final class Requests {
    /** An amount: a decimal string with at most the currency's minor-unit digits (no sign, no exponent). */
    static final String AMOUNT = "^[0-9]+(\\.[0-9]+)?$";
    /** An ISO 4217 code of a supported currency. */
    static final String CURRENCY = "^[A-Z]{3}$";
    static final String AMOUNT_TEXT = "Decimal string in major units, at most the currency's scale: \"10\", \"10.5\"";

    private Requests() {
    }

    /** POST /api/v1/accounts. */
    @Serdeable
    @Schema(name = "OpenAccountRequest")
    record OpenAccount(@Schema(pattern = CURRENCY, example = "USD", requiredMode = Schema.RequiredMode.REQUIRED) String currency,
                       @Nullable @Schema(type = "string", allowableValues = {"USER", "SYSTEM", "EXTERNAL"},
                               defaultValue = "USER") String type,
                       @Nullable String ownerId, @Nullable Boolean allowNegativeBalance,
                       @Nullable Map<String, String> metadata) {
    }

    /** POST /api/v1/transfers. Amounts are decimal strings in major units. */
    @Serdeable
    @Schema(name = "TransferRequest")
    record PostTransfer(@Schema(format = "uuid", requiredMode = Schema.RequiredMode.REQUIRED) String sourceAccountId,
                        @Schema(format = "uuid", requiredMode = Schema.RequiredMode.REQUIRED) String destinationAccountId,
                        @Schema(pattern = AMOUNT, description = AMOUNT_TEXT, example = "25.00", requiredMode = Schema.RequiredMode.REQUIRED) String amount,
                        @Schema(pattern = CURRENCY, example = "USD", requiredMode = Schema.RequiredMode.REQUIRED) String currency,
                        @Nullable String reference, @Nullable Map<String, String> metadata) {
    }

    /** POST /api/v1/holds. {@code expiresAt}: an RFC 3339 instant; absent for the default (7 days). */
    @Serdeable
    @Schema(name = "HoldRequest")
    record PlaceHold(@Schema(format = "uuid", requiredMode = Schema.RequiredMode.REQUIRED) String sourceAccountId,
                     @Schema(format = "uuid", requiredMode = Schema.RequiredMode.REQUIRED) String destinationAccountId,
                     @Schema(pattern = AMOUNT, description = AMOUNT_TEXT, requiredMode = Schema.RequiredMode.REQUIRED) String amount,
                     @Schema(pattern = CURRENCY, requiredMode = Schema.RequiredMode.REQUIRED) String currency, @Nullable String reference,
                     @Nullable Map<String, String> metadata,
                     @Nullable @Schema(format = "date-time", description = "At most 30 days ahead; default 7 days")
                     String expiresAt) {
    }

    /** POST /api/v1/holds/{id}/post. {@code amount} absent: all that remains; {@code final} absent: only then. */
    @Serdeable
    @Schema(name = "HoldPostRequest")
    record PostHold(@Nullable @Schema(pattern = AMOUNT, description = "Default: all that remains") String amount,
                    @Nullable @JsonProperty("final") Boolean finalCapture, @Nullable String reference,
                    @Nullable Map<String, String> metadata) {
    }

    /** POST /api/v1/transfers/{id}/refunds. {@code amount} absent: all that is left to refund. */
    @Serdeable
    @Schema(name = "RefundRequest")
    record Refund(@Nullable @Schema(pattern = AMOUNT, description = "Default: all that is left to refund") String amount,
                  @Nullable String reference, @Nullable Map<String, String> metadata) {
    }

    /** POST /api/v1/accounts/{id}/credits and /debits. */
    @Serdeable
    @Schema(name = "MovementRequest")
    record Movement(@Schema(pattern = AMOUNT, description = AMOUNT_TEXT, requiredMode = Schema.RequiredMode.REQUIRED) String amount, @Nullable String reference,
                    @Nullable Map<String, String> metadata) {
    }
}
