package dev.polyledger.notification.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.notification.application.service.TenantSubscriptions;
import dev.polyledger.notification.domain.Subscription;
import dev.polyledger.platform.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scheduler's reads of a tenant's subscriptions: at most one a second, and a fresh one after a change. */
class TenantSubscriptionsTest {
    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
    private final InMemoryNotificationStore store = new InMemoryNotificationStore();
    private final MutableClock clock = MutableClock.at(T0);
    private final TenantSubscriptions read = new TenantSubscriptions(store.subscriptions, clock);

    private Subscription subscribe(String id) {
        Subscription s = Subscription.create(id, "acme", "https://example.com/" + id, List.of("*"), "whsec_AAAA",
                null, T0);
        store.subscriptions.add(s);
        return s;
    }

    @Test
    void aTenantsSubscriptionsAreReadFromTheStoreAtMostOnceASecond() {
        subscribe("wh_1");

        read.of("acme");
        read.of("acme");
        clock.advance(Duration.ofMillis(1000));
        read.of("acme");
        assertThat(store.tenantReads.get()).isEqualTo(1);

        clock.advance(Duration.ofMillis(1));
        read.of("acme");
        assertThat(store.tenantReads.get()).isEqualTo(2);
    }

    @Test
    void aChangeIsSeenByTheNextReadAtOnce() {
        subscribe("wh_1");
        assertThat(read.of("acme")).extracting(Subscription::id).containsExactly("wh_1");

        subscribe("wh_2");
        assertThat(read.of("acme")).as("not told yet").extracting(Subscription::id).containsExactly("wh_1");
        read.changed("acme");

        assertThat(read.of("acme")).extracting(Subscription::id).containsExactly("wh_1", "wh_2");
    }
}
