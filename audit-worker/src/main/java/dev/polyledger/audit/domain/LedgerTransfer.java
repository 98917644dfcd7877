package dev.polyledger.audit.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A posted transfer as the ledger (PostgreSQL, the source of truth) holds it, read by the audit-worker to reconcile
 * and rebuild the audit trail. Amounts are integer minor units of {@code currency} (api-node's {@code transfer} and
 * {@code entry} rows), never decimals.
 *
 * @param id                   the transfer id
 * @param tenantId             the tenant it belongs to
 * @param kind                 {@code TRANSFER}, {@code CREDIT}, {@code DEBIT}, {@code HOLD_POST} or {@code REFUND}
 * @param sourceAccountId      the debited account
 * @param destinationAccountId the credited account
 * @param amount               minor units, > 0
 * @param currency             ISO 4217 code
 * @param reference            the client's reference; null when none
 * @param metadata             the client's metadata (string values)
 * @param createdAt            commit time of the posting: the {@code occurredAt} of its {@code transfer.posted} event
 * @param requestId            the X-Request-Id of the request that posted it; null when none
 * @param batchId              the batch whose item it is; null otherwise
 * @param holdId               the hold a {@code HOLD_POST} captures; null otherwise
 * @param refundOf             the transfer a {@code REFUND} gives back; null otherwise
 * @param entries              its entries (one DEBIT, one CREDIT)
 * @param publishedEventId     the id of its {@code transfer.posted} event while the ledger's outbox still keeps the
 *                             event (retention), else null
 * @param actor                the API key id that posted it, when the outbox still keeps the event; else null
 */
public record LedgerTransfer(UUID id, String tenantId, String kind, UUID sourceAccountId, UUID destinationAccountId,
                             long amount, String currency, String reference, Map<String, String> metadata,
                             Instant createdAt, String requestId, UUID batchId, UUID holdId, UUID refundOf,
                             List<Entry> entries, UUID publishedEventId, String actor) {

    public LedgerTransfer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(createdAt, "createdAt");
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        entries = List.copyOf(entries);
    }

    /**
     * One entry of the transfer.
     *
     * @param accountId    the account it changes
     * @param direction    {@code DEBIT} or {@code CREDIT}
     * @param amount       minor units, > 0
     * @param balanceAfter the account's balance right after it, minor units
     * @param hash         the entry's hash-chain link (lowercase hex SHA-256); null where the ledger has none
     */
    public record Entry(UUID accountId, String direction, long amount, long balanceAfter, String hash) {
        public Entry {
            Objects.requireNonNull(accountId, "accountId");
            Objects.requireNonNull(direction, "direction");
        }
    }
}
