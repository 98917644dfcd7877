package dev.polyledger.notification.application.service;

import dev.polyledger.notification.application.port.out.Deliveries;
import dev.polyledger.notification.application.port.out.IdempotencyKeys;
import dev.polyledger.notification.application.port.out.Subscriptions;
import dev.polyledger.notification.domain.Delivery;
import dev.polyledger.notification.domain.Subscription;
import dev.polyledger.notification.domain.UrlPolicy;
import dev.polyledger.notification.domain.WebhookSignature;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Creates, lists, rotates and deletes subscriptions, always within the caller's tenant: another tenant's subscription
 * is never found, exactly like an unknown id.
 *
 * <p>Creation is idempotent under the client's key within the tenant (api-contract.md, "Idempotency"; the same key in
 * two tenants names two requests): the key is claimed first with the subscription it creates, then the subscription
 * is stored and the key marked complete. MongoDB here has no transactions: a crash between the two leaves a claimed,
 * incomplete key, and the client's retry with that key completes the creation instead of making a second
 * subscription.
 */
@Singleton
public class SubscriptionService {
    /** The answer to a creation. */
    public sealed interface CreateOutcome {
    }

    /**
     * Created now ({@code replayed} false) or before under the same key and request; the subscription is as it was
     * created (its first secret: the replayed answer is the first answer).
     */
    public record Created(Subscription subscription, boolean replayed) implements CreateOutcome {
    }

    /** The key was used for a different request. */
    public record KeyReused() implements CreateOutcome {
    }

    /**
     * A rotation's answer.
     *
     * @param subscription            the subscription with its new current secret
     * @param previousSecretExpiresAt when the replaced secret stops signing
     */
    public record Rotated(Subscription subscription, Instant previousSecretExpiresAt) {
    }

    private static final int ROTATION_ATTEMPTS = 5;

    private final Subscriptions subscriptions;
    private final IdempotencyKeys keys;
    private final Deliveries deliveries;
    private final UrlPolicy urlPolicy;
    private final SecretRotation rotation;
    private final Clock clock;
    private final SecureRandom random;

    public SubscriptionService(Subscriptions subscriptions, IdempotencyKeys keys, Deliveries deliveries,
                               UrlPolicy urlPolicy, SecretRotation rotation, Clock clock, SecureRandom random) {
        this.subscriptions = subscriptions;
        this.keys = keys;
        this.deliveries = deliveries;
        this.urlPolicy = urlPolicy;
        this.rotation = rotation;
        this.clock = clock;
        this.random = random;
    }

    /** @throws dev.polyledger.notification.domain.InvalidSubscriptionException when the URL is refused */
    public CreateOutcome create(CreateSubscriptionCommand command) {
        String tenantId = command.tenantId();
        String fingerprint = command.fingerprint();
        Optional<IdempotencyKeys.Entry> earlier = keys.find(tenantId, command.idempotencyKey());
        if (earlier.isPresent()) {
            return replay(earlier.get(), fingerprint);
        }
        urlPolicy.check(command.url());
        var subscription = Subscription.create("wh_" + UUID.randomUUID().toString().replace("-", ""), tenantId,
                command.url(), command.eventTypes(), WebhookSignature.newSecret(random), command.description(),
                now());
        var entry = new IdempotencyKeys.Entry(tenantId, command.idempotencyKey(), fingerprint, subscription, false);
        if (!keys.claim(entry)) {
            return replay(keys.find(tenantId, command.idempotencyKey()).orElseThrow(), fingerprint);
        }
        subscriptions.add(subscription);
        keys.complete(tenantId, command.idempotencyKey());
        return new Created(subscription, false);
    }

    private CreateOutcome replay(IdempotencyKeys.Entry entry, String fingerprint) {
        if (!entry.fingerprint().equals(fingerprint)) {
            return new KeyReused();
        }
        if (!entry.completed()) {
            subscriptions.add(entry.created());
            keys.complete(entry.tenantId(), entry.key());
        }
        return new Created(entry.created(), true);
    }

    /** The tenant's subscriptions, oldest first. */
    public List<Subscription> list(String tenantId) {
        return subscriptions.ofTenant(tenantId);
    }

    public Optional<Subscription> get(String tenantId, String id) {
        return subscriptions.find(tenantId, id);
    }

    /**
     * Gives the tenant's subscription a new secret; the replaced one (and any earlier one still in its overlap) keeps
     * signing until {@link SecretRotation#overlap()} from now ({@link Subscription#rotated}). Not idempotent: each
     * call rotates again, which loses nothing, since the secrets it replaces keep signing for their overlap.
     *
     * @return empty when the tenant has no such subscription
     */
    public Optional<Rotated> rotateSecret(String tenantId, String id) {
        for (int attempt = 0; attempt < ROTATION_ATTEMPTS; attempt++) {
            Optional<Subscription> current = subscriptions.find(tenantId, id);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            Instant now = now();
            Subscription rotated = current.get().rotated(WebhookSignature.newSecret(random), now, rotation.overlap());
            if (subscriptions.replaceSecrets(rotated, current.get().secret())) {
                return Optional.of(new Rotated(rotated, now.plus(rotation.overlap())));
            }
        }
        throw new IllegalStateException("subscription " + id + " was rotated concurrently " + ROTATION_ATTEMPTS
                + " times in a row");
    }

    /**
     * Deletes the tenant's subscription; its pending deliveries are dead-lettered when they come due. False when the
     * tenant has none with this id.
     */
    public boolean delete(String tenantId, String id) {
        return subscriptions.remove(tenantId, id);
    }

    /** Its deliveries, newest first (at most {@code limit}), or empty when the tenant has no such subscription. */
    public Optional<List<Delivery>> deliveries(String tenantId, String id, int limit) {
        return subscriptions.find(tenantId, id).map(s -> deliveries.ofSubscription(tenantId, id, limit));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
