package dev.polyledger.audit.testing;

import dev.polyledger.platform.testing.EventBroker;

/** The real local RabbitMQ for the audit-worker's tests: vhost {@value #VHOST}, or {@code AUDIT_IT_RABBITMQ_URI} when set. */
public final class TestBroker extends EventBroker {
    public static final String VHOST = "audit-it";

    public TestBroker() {
        super(uri(), "audit-worker-it");
    }

    public static String uri() {
        return EventBroker.isolatedUri(VHOST, "AUDIT_IT_RABBITMQ_URI");
    }
}
