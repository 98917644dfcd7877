package dev.polyledger.ledger.adapter.in.web;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/** JSON bodies of {@code /api/v1/batches} (api-contract.md, "Batches and mass payouts"). */
final class BatchRequests {
    private BatchRequests() {
    }

    /** POST /api/v1/batches: {@code mode} ATOMIC or INDEPENDENT, and the transfers. */
    @Serdeable
    record PostBatch(String mode, List<Item> items) {
    }

    /** One transfer of a batch: the fields of POST /api/v1/transfers. Amounts are decimal strings in major units. */
    @Serdeable
    record Item(String sourceAccountId, String destinationAccountId, String amount, String currency, String reference,
                Map<String, String> metadata) {
    }
}
