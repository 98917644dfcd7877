package dev.polyledger.ledger.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A batch of transfers (api-contract.md, "Batches and mass payouts") as stored: its counts move as its items are
 * processed; it is {@code COMPLETED} once every item is posted or rejected.
 *
 * @param tenant      the tenant whose accounts its items move money between
 * @param id          its id
 * @param mode        {@code INDEPENDENT} (stored batches are payout runs)
 * @param status      {@code PROCESSING} or {@code COMPLETED}
 * @param total       number of items, 1..10,000
 * @param posted      items posted so far
 * @param rejected    items rejected so far
 * @param actor       API key id of the request that submitted it; may be null
 * @param requestId   its X-Request-Id; may be null
 * @param createdAt   when it was accepted
 * @param completedAt when its last item was processed; null while processing
 */
public record Batch(TenantId tenant, UUID id, String mode, Status status, int total, int posted, int rejected,
                    String actor, String requestId, Instant createdAt, Instant completedAt) {
    public enum Status { PROCESSING, COMPLETED }

    public Batch {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
    }

    /** Items not processed yet. */
    public int pending() {
        return total - posted - rejected;
    }
}
