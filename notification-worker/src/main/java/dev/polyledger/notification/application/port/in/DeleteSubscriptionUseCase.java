package dev.polyledger.notification.application.port.in;

/** Deletes a subscription; its pending deliveries are dead-lettered when they come due. */
public interface DeleteSubscriptionUseCase {

    /** @return false when the tenant has no subscription with this id (another tenant's included) */
    boolean delete(String tenantId, String subscriptionId);
}
