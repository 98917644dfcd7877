package dev.polyledger.notification.application;

import dev.polyledger.notification.application.port.out.Deliveries;
import dev.polyledger.notification.application.port.out.IdempotencyKeys;
import dev.polyledger.notification.application.port.out.Subscriptions;
import dev.polyledger.notification.domain.Delivery;
import dev.polyledger.notification.domain.Subscription;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The worker's three stores in maps, scoped by tenant as the MongoDB adapters are. A leased delivery is hidden from
 * further leases until it is updated (its lease never expires here: tests that need it update or reschedule).
 */
final class InMemoryNotificationStore {
    final java.util.Set<String> leased = ConcurrentHashMap.newKeySet();

    static Subscription disabled(Subscription s) {
        return new Subscription(s.id(), s.tenantId(), s.url(), s.eventTypes(), s.secret(), s.previousSecrets(),
                s.description(), Subscription.Status.DISABLED, s.createdAt());
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
            return Optional.ofNullable(subscriptionsById.get(id)).filter(s -> s.belongsTo(tenantId));
        }

        @Override
        public List<Subscription> ofTenant(String tenantId) {
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
        public boolean schedule(Delivery delivery) {
            return deliveriesById.putIfAbsent(delivery.id(), delivery) == null;
        }

        @Override
        public Optional<Delivery> leaseDue(Instant now, Instant leaseUntil, Set<String> skipped) {
            synchronized (deliveriesById) {
                Optional<Delivery> due = deliveriesById.values().stream()
                        .filter(d -> d.status() == Delivery.Status.PENDING && !d.nextAttemptAt().isAfter(now))
                        .filter(d -> !leased.contains(d.id()) && !skipped.contains(d.subscriptionId()))
                        .min(Comparator.comparing(Delivery::nextAttemptAt).thenComparing(Delivery::id));
                due.ifPresent(d -> leased.add(d.id()));
                return due;
            }
        }

        @Override
        public void update(Delivery delivery) {
            deliveriesById.put(delivery.id(), delivery);
            leased.remove(delivery.id());
        }

        @Override
        public List<Delivery> ofSubscription(String tenantId, String subscriptionId, int limit) {
            return deliveriesById.values().stream()
                    .filter(d -> d.tenantId().equals(tenantId) && d.subscriptionId().equals(subscriptionId))
                    .sorted(Comparator.comparing(Delivery::createdAt).reversed()).limit(limit).toList();
        }
    };
}
