package dev.polyledger.notification.application.port.in;

/** Starts the attempts of the deliveries that are due, within the worker's in-flight limits. */
public interface DispatchDeliveriesUseCase {

    /**
     * Leases due deliveries and starts their attempts without waiting for them to finish.
     *
     * @return attempts started
     * @throws RuntimeException when the store fails while leasing; the next call tries again
     */
    int dispatchDue();
}
