package dev.polyledger.ledger.application.view;

import jakarta.annotation.Nullable;
import dev.polyledger.ledger.domain.Batch;

/**
 * A batch as {@code GET /api/v1/batches/{id}} and the {@code batch.completed} event render it (api-contract.md,
 * "Batches and mass payouts").
 *
 * @param completedAt RFC 3339; null while processing
 */
public record BatchView(String id, String mode, String status, Counts counts, String createdAt, @Nullable String completedAt) {

    /** @param pending items not processed yet */
    public record Counts(int total, int posted, int rejected, int pending) {
    }

    public static BatchView of(Batch b) {
        return new BatchView(b.id().toString(), b.mode(), b.status().name(),
                new Counts(b.total(), b.posted(), b.rejected(), b.pending()), Views.time(b.createdAt()),
                b.completedAt() == null ? null : Views.time(b.completedAt()));
    }
}
