package dev.polyledger.ledger.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/** JSON request bodies of the API (api-contract.md); every field may be absent and is checked by the command. */
final class Requests {
    private Requests() {
    }

    /** POST /api/v1/accounts. */
    @Serdeable
    record OpenAccount(String currency, String type, String ownerId, Boolean allowNegativeBalance,
                       Map<String, String> metadata) {
    }

    /** POST /api/v1/transfers. Amounts are decimal strings in major units. */
    @Serdeable
    record PostTransfer(String sourceAccountId, String destinationAccountId, String amount, String currency,
                        String reference, Map<String, String> metadata) {
    }

    /** POST /api/v1/holds. {@code expiresAt}: an RFC 3339 instant; absent for the default (7 days). */
    @Serdeable
    record PlaceHold(String sourceAccountId, String destinationAccountId, String amount, String currency,
                     String reference, Map<String, String> metadata, String expiresAt) {
    }

    /** POST /api/v1/holds/{id}/post. {@code amount} absent: all that remains; {@code final} absent: only then. */
    @Serdeable
    record PostHold(String amount, @JsonProperty("final") Boolean finalCapture, String reference,
                    Map<String, String> metadata) {
    }

    /** POST /api/v1/transfers/{id}/refunds. {@code amount} absent: all that is left to refund. */
    @Serdeable
    record Refund(String amount, String reference, Map<String, String> metadata) {
    }

    /** POST /api/v1/accounts/{id}/credits and /debits. */
    @Serdeable
    record Movement(String amount, String reference, Map<String, String> metadata) {
    }
}
