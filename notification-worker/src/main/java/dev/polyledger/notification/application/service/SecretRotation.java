package dev.polyledger.notification.application.service;

import java.time.Duration;
import java.util.Objects;

/**
 * How a webhook secret rotation behaves.
 *
 * @param overlap how long a replaced secret keeps signing beside the new one ({@code notification.secret-rotation.overlap},
 *                env {@code NOTIFICATION_SECRET_OVERLAP}, default 24 h as api-contract.md says), >= 0
 */
public record SecretRotation(Duration overlap) {
    public SecretRotation {
        Objects.requireNonNull(overlap, "overlap");
        if (overlap.isNegative()) {
            throw new IllegalArgumentException("the secret rotation overlap must be >= 0, was " + overlap);
        }
    }
}
