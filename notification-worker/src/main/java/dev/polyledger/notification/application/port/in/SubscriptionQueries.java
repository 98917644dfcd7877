package dev.polyledger.notification.application.port.in;

import dev.polyledger.notification.domain.Delivery;
import dev.polyledger.notification.domain.Subscription;
import java.util.List;
import java.util.Optional;

/** Reads of a tenant's subscriptions and their deliveries; another tenant's are never found, like unknown ids. */
public interface SubscriptionQueries {

    /** The tenant's subscriptions, oldest first. */
    List<Subscription> list(String tenantId);

    Optional<Subscription> get(String tenantId, String subscriptionId);

    /** The subscription's deliveries, newest first, at most {@code limit}; empty when the tenant has no such one. */
    Optional<List<Delivery>> deliveries(String tenantId, String subscriptionId, int limit);
}
