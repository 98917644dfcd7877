package dev.polyledger.notification.application.port.in;

/**
 * Turns a ledger event into one PENDING delivery, due now, per ENABLED subscription of the event's tenant that wants
 * its type. Idempotent: a redelivered event finds its deliveries scheduled already.
 */
public interface ScheduleDeliveriesUseCase {

    /**
     * @return deliveries newly scheduled (0 for a redelivered event or one nobody subscribed to)
     * @throws RuntimeException when the store fails; the caller hands the event back to the broker
     */
    int schedule(ScheduleDeliveriesCommand command);
}
