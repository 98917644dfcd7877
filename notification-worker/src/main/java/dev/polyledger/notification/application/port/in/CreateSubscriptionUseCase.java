package dev.polyledger.notification.application.port.in;

import dev.polyledger.notification.domain.Subscription;

/**
 * Creates a webhook subscription in the caller's tenant, idempotently under the client's key (api-contract.md,
 * "Idempotency"): the same key and request replay the first answer; the same key with another request is refused;
 * the same key in another tenant is another request.
 */
public interface CreateSubscriptionUseCase {

    /** The answer to a creation. */
    sealed interface CreateOutcome {
    }

    /**
     * Created now ({@code replayed} false) or before under the same key and request; the subscription is as it was
     * created (its first secret: the replayed answer is the first answer).
     */
    record Created(Subscription subscription, boolean replayed) implements CreateOutcome {
    }

    /** The key was used for a different request. */
    record KeyReused() implements CreateOutcome {
    }

    /** @throws dev.polyledger.notification.domain.InvalidSubscriptionException when the URL is refused */
    CreateOutcome create(CreateSubscriptionCommand command);
}
