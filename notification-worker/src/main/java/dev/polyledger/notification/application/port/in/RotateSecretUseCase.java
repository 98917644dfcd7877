package dev.polyledger.notification.application.port.in;

import dev.polyledger.notification.domain.Subscription;
import java.time.Instant;
import java.util.Optional;

/**
 * Gives a subscription a new signing secret; the replaced one keeps signing beside it for the configured overlap
 * (Standard Webhooks, "Signature scheme": several space-separated signatures). Not idempotent: each call rotates
 * again, which cuts no receiver off, since every replaced secret keeps signing for its own overlap.
 */
public interface RotateSecretUseCase {

    /**
     * A rotation's answer.
     *
     * @param subscription            the subscription with its new current secret
     * @param previousSecretExpiresAt when the replaced secret stops signing
     */
    record Rotated(Subscription subscription, Instant previousSecretExpiresAt) {
    }

    /**
     * @return empty when the tenant has no subscription with this id (another tenant's included)
     * @throws IllegalStateException when concurrent rotations kept winning the race
     */
    Optional<Rotated> rotateSecret(String tenantId, String subscriptionId);
}
