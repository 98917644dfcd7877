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
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Creates, lists and deletes subscriptions. Creation is idempotent under the client's key (api-contract.md,
 * "Idempotency"): the key is claimed first with the subscription it creates, then the subscription is stored and the
 * key marked complete. MongoDB here has no transactions: a crash between the two leaves a claimed, incomplete key,
 * and the client's retry with that key completes the creation instead of making a second subscription.
 */
@Singleton
public class SubscriptionService {
    /** The answer to a creation. */
    public sealed interface CreateOutcome {
    }

    /** Created now ({@code replayed} false) or before under the same key and request. */
    public record Created(Subscription subscription, boolean replayed) implements CreateOutcome {
    }

    /** The key was used for a different request. */
    public record KeyReused() implements CreateOutcome {
    }

    private final Subscriptions subscriptions;
    private final IdempotencyKeys keys;
    private final Deliveries deliveries;
    private final UrlPolicy urlPolicy;
    private final Clock clock;
    private final SecureRandom random;

    public SubscriptionService(Subscriptions subscriptions, IdempotencyKeys keys, Deliveries deliveries,
                               UrlPolicy urlPolicy, Clock clock, SecureRandom random) {
        this.subscriptions = subscriptions;
        this.keys = keys;
        this.deliveries = deliveries;
        this.urlPolicy = urlPolicy;
        this.clock = clock;
        this.random = random;
    }

    /** @throws dev.polyledger.notification.domain.InvalidSubscriptionException when the URL is refused */
    public CreateOutcome create(CreateSubscriptionCommand command) {
        String fingerprint = command.fingerprint();
        Optional<IdempotencyKeys.Entry> earlier = keys.find(command.idempotencyKey());
        if (earlier.isPresent()) {
            return replay(earlier.get(), fingerprint);
        }
        urlPolicy.check(command.url());
        var subscription = new Subscription("wh_" + UUID.randomUUID().toString().replace("-", ""), command.url(),
                command.eventTypes(), WebhookSignature.newSecret(random), command.description(),
                Subscription.Status.ENABLED, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        var entry = new IdempotencyKeys.Entry(command.idempotencyKey(), fingerprint, subscription, false);
        if (!keys.claim(entry)) {
            return replay(keys.find(command.idempotencyKey()).orElseThrow(), fingerprint);
        }
        subscriptions.add(subscription);
        keys.complete(command.idempotencyKey());
        return new Created(subscription, false);
    }

    private CreateOutcome replay(IdempotencyKeys.Entry entry, String fingerprint) {
        if (!entry.fingerprint().equals(fingerprint)) {
            return new KeyReused();
        }
        if (!entry.completed()) {
            subscriptions.add(entry.created());
            keys.complete(entry.key());
        }
        return new Created(entry.created(), true);
    }

    public List<Subscription> list() {
        return subscriptions.all();
    }

    public Optional<Subscription> get(String id) {
        return subscriptions.find(id);
    }

    /** Deletes it; its pending deliveries are dead-lettered when they come due. False when there was none. */
    public boolean delete(String id) {
        return subscriptions.remove(id);
    }

    /** Its deliveries, newest first (at most {@code limit}), or empty when there is no such subscription. */
    public Optional<List<Delivery>> deliveries(String id, int limit) {
        return subscriptions.find(id).map(s -> deliveries.ofSubscription(id, limit));
    }
}
