package dev.polyledger.notification.application.service;

import dev.polyledger.notification.application.port.in.CreateSubscriptionCommand;
import dev.polyledger.notification.application.port.in.CreateSubscriptionUseCase;
import dev.polyledger.notification.application.port.in.DeleteSubscriptionUseCase;
import dev.polyledger.notification.application.port.in.RotateSecretUseCase;
import dev.polyledger.notification.application.port.in.SubscriptionQueries;
import dev.polyledger.notification.application.port.out.Deliveries;
import dev.polyledger.notification.application.port.out.IdGenerator;
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

/**
 * Creates, lists, rotates and deletes subscriptions, always within the caller's tenant: another tenant's subscription
 * is never found, exactly like an unknown id. A subscription's URL is checked here, once, at creation
 * ({@link UrlPolicy}); its id is {@code wh_} and 32 hex digits of a new {@link IdGenerator} id.
 *
 * <p>Creation is idempotent under the client's key within the tenant (api-contract.md, "Idempotency"; the same key in
 * two tenants names two requests): the key is claimed first with the subscription it creates, then the subscription
 * is stored and the key marked complete. MongoDB here has no transactions: a crash between the two leaves a claimed,
 * incomplete key, and the client's retry with that key completes the creation instead of making a second
 * subscription.
 */
@Singleton
public class SubscriptionService implements CreateSubscriptionUseCase, RotateSecretUseCase,
        DeleteSubscriptionUseCase, SubscriptionQueries {
    private static final int ROTATION_ATTEMPTS = 5;

    private final Subscriptions subscriptions;
    private final IdempotencyKeys keys;
    private final Deliveries deliveries;
    private final UrlPolicy urlPolicy;
    private final SecretRotation rotation;
    private final Clock clock;
    private final SecureRandom random;
    private final IdGenerator ids;
    private final TenantSubscriptions read;

    /** @param read the scheduler's reads of each tenant's subscriptions, told of every change made here */
    public SubscriptionService(Subscriptions subscriptions, IdempotencyKeys keys, Deliveries deliveries,
                               UrlPolicy urlPolicy, SecretRotation rotation, Clock clock, SecureRandom random,
                               IdGenerator ids, TenantSubscriptions read) {
        this.subscriptions = subscriptions;
        this.keys = keys;
        this.deliveries = deliveries;
        this.urlPolicy = urlPolicy;
        this.rotation = rotation;
        this.clock = clock;
        this.random = random;
        this.ids = ids;
        this.read = read;
    }

    @Override
    public CreateOutcome create(CreateSubscriptionCommand command) {
        String tenantId = command.tenantId();
        String fingerprint = command.fingerprint();
        Optional<IdempotencyKeys.Entry> earlier = keys.find(tenantId, command.idempotencyKey());
        if (earlier.isPresent()) {
            return replay(earlier.get(), fingerprint);
        }
        urlPolicy.check(command.url());
        var subscription = Subscription.create("wh_" + ids.next().toString().replace("-", ""), tenantId,
                command.url(), command.eventTypes(), WebhookSignature.newSecret(random), command.description(),
                now());
        var entry = new IdempotencyKeys.Entry(tenantId, command.idempotencyKey(), fingerprint, subscription, false);
        if (!keys.claim(entry)) {
            return replay(keys.find(tenantId, command.idempotencyKey()).orElseThrow(), fingerprint);
        }
        subscriptions.add(subscription);
        read.changed(tenantId);
        keys.complete(tenantId, command.idempotencyKey());
        return new Created(subscription, false);
    }

    private CreateOutcome replay(IdempotencyKeys.Entry entry, String fingerprint) {
        if (!entry.fingerprint().equals(fingerprint)) {
            return new KeyReused();
        }
        if (!entry.completed()) {
            subscriptions.add(entry.created());
            read.changed(entry.tenantId());
            keys.complete(entry.tenantId(), entry.key());
        }
        return new Created(entry.created(), true);
    }

    @Override
    public List<Subscription> list(String tenantId) {
        return subscriptions.ofTenant(tenantId);
    }

    @Override
    public Optional<Subscription> get(String tenantId, String id) {
        return subscriptions.find(tenantId, id);
    }

    /**
     * The replaced secret (and any earlier one still in its overlap) keeps signing until
     * {@link SecretRotation#overlap()} from now ({@link Subscription#rotated}). A rotation that loses a race with
     * another one reads again and retries, {@value #ROTATION_ATTEMPTS} times at most.
     */
    @Override
    public Optional<Rotated> rotateSecret(String tenantId, String id) {
        for (int attempt = 0; attempt < ROTATION_ATTEMPTS; attempt++) {
            Optional<Subscription> current = subscriptions.find(tenantId, id);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            Instant now = now();
            Subscription rotated = current.get().rotated(WebhookSignature.newSecret(random), now, rotation.overlap());
            if (subscriptions.replaceSecrets(rotated, current.get().secret())) {
                read.changed(tenantId);
                return Optional.of(new Rotated(rotated, now.plus(rotation.overlap())));
            }
        }
        throw new IllegalStateException("subscription " + id + " was rotated concurrently " + ROTATION_ATTEMPTS
                + " times in a row");
    }

    @Override
    public boolean delete(String tenantId, String id) {
        boolean removed = subscriptions.remove(tenantId, id);
        read.changed(tenantId);
        return removed;
    }

    @Override
    public Optional<List<Delivery>> deliveries(String tenantId, String id, int limit) {
        return subscriptions.find(tenantId, id).map(s -> deliveries.ofSubscription(tenantId, id, limit));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
