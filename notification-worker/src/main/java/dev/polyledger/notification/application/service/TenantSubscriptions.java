package dev.polyledger.notification.application.service;

import dev.polyledger.notification.application.port.out.Subscriptions;
import dev.polyledger.notification.domain.Subscription;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The subscriptions of each tenant as the {@link DeliveryScheduler} last read them from the store, so that an event
 * costs no read of its own: a tenant's list is read again when it is older than {@value #FRESHNESS_MILLIS} ms, or at
 * once after this worker changed one of its subscriptions ({@link #changed}, called by the
 * {@link SubscriptionService} on every create, rotation and delete: an event consumed after the API answered sees
 * the change). A read that raced with a change is not kept. Thread-safe.
 */
@Singleton
public class TenantSubscriptions {
    static final long FRESHNESS_MILLIS = 1000;
    private final Subscriptions subscriptions;
    private final Clock clock;
    private final Map<String, Read> byTenant = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();

    private record Read(List<Subscription> subscriptions, Instant at) {
    }

    public TenantSubscriptions(Subscriptions subscriptions, Clock clock) {
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    /**
     * The tenant's subscriptions, oldest first.
     *
     * @throws RuntimeException when the store fails
     */
    public List<Subscription> of(String tenantId) {
        Instant now = clock.instant();
        Read read = byTenant.get(tenantId);
        if (read != null && !read.at().plusMillis(FRESHNESS_MILLIS).isBefore(now)) {
            return read.subscriptions();
        }
        long before = changes.get();
        List<Subscription> found = subscriptions.ofTenant(tenantId);
        if (changes.get() == before) {
            byTenant.put(tenantId, new Read(found, now));
        }
        return found;
    }

    /** One of the tenant's subscriptions was created, rotated or deleted: the next event reads them again. */
    public void changed(String tenantId) {
        changes.incrementAndGet();
        byTenant.remove(tenantId);
    }
}
