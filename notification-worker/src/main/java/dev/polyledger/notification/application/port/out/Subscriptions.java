package dev.polyledger.notification.application.port.out;

import dev.polyledger.notification.domain.Subscription;
import java.util.List;
import java.util.Optional;

/** The webhook subscriptions, shared by every worker instance (MongoDB). */
public interface Subscriptions {
    /** Stores a new subscription; false when one with its id exists already. */
    boolean add(Subscription subscription);

    Optional<Subscription> find(String id);

    /** All subscriptions, oldest first. */
    List<Subscription> all();

    /** Removes it; false when there was none. */
    boolean remove(String id);

    /** Sets it DISABLED: no further deliveries. */
    void disable(String id);
}
