package dev.polyledger.notification.application.port.in;

/**
 * The ticker's side of the dispatcher: attempts whose retry came due, the batched record of outcomes, and (once) the
 * deliveries an earlier process left PENDING.
 */
public interface DispatchDeliveriesUseCase {

    /**
     * Reads the PENDING deliveries of an earlier process if not done yet, writes the outcomes recorded since the
     * last call, and starts the attempts that are due, within the worker's in-flight limits, without waiting for
     * them to finish. A store failure is logged and left to the next call: recorded outcomes are kept until written.
     *
     * @return attempts started
     */
    int dispatchDue();

    /** Writes the outcomes recorded and not yet written (at stop). */
    void flush();
}
