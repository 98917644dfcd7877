package dev.polyledger.notification.testing;

import dev.polyledger.platform.testing.EventBroker;

/** The real local RabbitMQ for the notification-worker's tests: vhost {@value #VHOST}, or {@code NOTIFICATION_IT_RABBITMQ_URI} when set. */
public final class TestBroker extends EventBroker {
    public static final String VHOST = "notification-it";

    public TestBroker() {
        super(uri(), "notification-worker-it");
    }

    public static String uri() {
        return EventBroker.isolatedUri(VHOST, "NOTIFICATION_IT_RABBITMQ_URI");
    }
}
