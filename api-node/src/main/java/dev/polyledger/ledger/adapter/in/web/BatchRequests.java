package dev.polyledger.ledger.adapter.in.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** JSON bodies of {@code /api/v1/batches} (api-contract.md, "Batches and mass payouts"). */
final class BatchRequests {
    private BatchRequests() {
    }

    /** POST /api/v1/batches: {@code mode} ATOMIC or INDEPENDENT, and the transfers. */
    @Serdeable
    @Schema(name = "BatchRequest")
    record PostBatch(@Schema(type = "string", allowableValues = {"ATOMIC", "INDEPENDENT"},
                             requiredMode = Schema.RequiredMode.REQUIRED) String mode,
                     @ArraySchema(minItems = 1, maxItems = 10_000,
                             arraySchema = @Schema(description = "ATOMIC: up to 1,000 items; INDEPENDENT: up to 10,000",
                                     requiredMode = Schema.RequiredMode.REQUIRED))
                     List<Item> items) {
    }

    /** One transfer of a batch: the fields of POST /api/v1/transfers. Amounts are decimal strings in major units. */
    @Serdeable
    @Schema(name = "BatchItemRequest")
    record Item(@Schema(format = "uuid", requiredMode = Schema.RequiredMode.REQUIRED) String sourceAccountId,
                @Schema(format = "uuid", requiredMode = Schema.RequiredMode.REQUIRED) String destinationAccountId,
                @Schema(pattern = Requests.AMOUNT, description = Requests.AMOUNT_TEXT,
                        requiredMode = Schema.RequiredMode.REQUIRED) String amount,
                @Schema(pattern = Requests.CURRENCY, requiredMode = Schema.RequiredMode.REQUIRED) String currency,
                @Nullable String reference,
                @Nullable Map<String, String> metadata) {
    }
}
