package dev.polyledger.events;

/**
 * AMQP properties and headers of every published event, besides the JSON envelope in the body:
 * {@code message-id} = the event id, {@code type} = the event type, {@code content-type} = {@code application/json},
 * {@code delivery-mode} = 2 (persistent), and these headers.
 */
public final class EventHeaders {
    /** The id of the account or transfer that emitted the event. */
    public static final String AGGREGATE_ID = "aggregate-id";
    /** The per-aggregate sequence number. */
    public static final String SEQUENCE = "sequence";
    /** The X-Request-Id of the request that caused the change. */
    public static final String REQUEST_ID = "request-id";

    private EventHeaders() {
    }
}
