package dev.polyledger.notification.application;

import dev.polyledger.notification.application.port.out.Deliveries;
import dev.polyledger.notification.application.port.out.IdempotencyKeys;
import dev.polyledger.notification.application.port.out.Subscriptions;
import dev.polyledger.notification.domain.Delivery;
import dev.polyledger.notification.domain.Subscription;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The worker's three stores in maps, scoped by tenant as the MongoDB adapters are. {@link #failing} makes every
 * delivery read and write throw, as MongoDB out of reach does; {@link #batches} counts the delivery writes.
 */
final class InMemoryNotificationStore {
    volatile boolean failing;
    /** Reads of a tenant's subscriptions ({@code Subscriptions.ofTenant}). */
    final java.util.concurrent.atomic.AtomicInteger tenantReads = new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger batches = new java.util.concurrent.atomic.AtomicInteger();

    static Subscription disabled(Subscription s) {
        return new Subscription(s.id(), s.tenantId(), s.url(), s.eventTypes(), s.secret(), s.previousSecrets(),
                s.description(), Subscription.Status.DISABLED, s.createdAt());
    }

    private void available() {
        if (failing) {
            throw new IllegalStateException("the store is unavailable");
        }
    }

    final Map<String, Subscription> subscriptionsById = new ConcurrentHashMap<>();
    final Map<List<String>, IdempotencyKeys.Entry> keysByTenantAndKey = new ConcurrentHashMap<>();
    final Map<String, Delivery> deliveriesById = new ConcurrentHashMap<>();

    final Subscriptions subscriptions = new Subscriptions() {
        @Override
        public boolean add(Subscription subscription) {
            return subscriptionsById.putIfAbsent(subscription.id(), subscription) == null;
        }

        @Override
        public Optional<Subscription> find(String tenantId, String id) {
            available();
            return Optional.ofNullable(subscriptionsById.get(id)).filter(s -> s.belongsTo(tenantId));
        }

        @Override
        public List<Subscription> ofTenant(String tenantId) {
            tenantReads.incrementAndGet();
            return subscriptionsById.values().stream().filter(s -> s.belongsTo(tenantId))
                    .sorted(Comparator.comparing(Subscription::createdAt).thenComparing(Subscription::id)).toList();
        }

        @Override
        public boolean remove(String tenantId, String id) {
            return find(tenantId, id).map(s -> subscriptionsById.remove(id) != null).orElse(false);
        }

        @Override
        public boolean replaceSecrets(Subscription rotated, String expectedSecret) {
            return find(rotated.tenantId(), rotated.id()).filter(s -> s.secret().equals(expectedSecret))
                    .map(s -> subscriptionsById.replace(s.id(), s, rotated)).orElse(false);
        }

        @Override
        public void disable(String id) {
            subscriptionsById.computeIfPresent(id, (k, s) -> disabled(s));
        }
    };

    final IdempotencyKeys keys = new IdempotencyKeys() {
        @Override
        public Optional<Entry> find(String tenantId, String key) {
            return Optional.ofNullable(keysByTenantAndKey.get(List.of(tenantId, key)));
        }

        @Override
        public boolean claim(Entry entry) {
            return keysByTenantAndKey.putIfAbsent(List.of(entry.tenantId(), entry.key()), entry) == null;
        }

        @Override
        public void complete(String tenantId, String key) {
            keysByTenantAndKey.computeIfPresent(List.of(tenantId, key),
                    (k, e) -> new Entry(e.tenantId(), e.key(), e.fingerprint(), e.created(), true));
        }
    };

    final Deliveries deliveries = new Deliveries() {
        @Override
        public List<Delivery> scheduleAll(List<Delivery> deliveries) {
            available();
            batches.incrementAndGet();
            return deliveries.stream().filter(d -> deliveriesById.putIfAbsent(d.id(), d) == null).toList();
        }

        @Override
        public List<Delivery> pendingCreatedBefore(Instant before) {
            available();
            return deliveriesById.values().stream()
                    .filter(d -> d.status() == Delivery.Status.PENDING && d.createdAt().isBefore(before)).toList();
        }

        @Override
        public void updateAll(Collection<Delivery> deliveries) {
            available();
            batches.incrementAndGet();
            deliveries.forEach(d -> deliveriesById.put(d.id(), d));
        }

        @Override
        public List<Delivery> ofSubscription(String tenantId, String subscriptionId, int limit) {
            return deliveriesById.values().stream()
                    .filter(d -> d.tenantId().equals(tenantId) && d.subscriptionId().equals(subscriptionId))
                    .sorted(Comparator.comparing(Delivery::createdAt).reversed()).limit(limit).toList();
        }
    };
}
