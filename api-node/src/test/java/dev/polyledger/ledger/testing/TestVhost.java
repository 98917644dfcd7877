package dev.polyledger.ledger.testing;

import com.rabbitmq.client.ConnectionFactory;
import dev.polyledger.platform.testing.EventBroker;

/**
 * The RabbitMQ vhost of the api-node's tests ({@value #NAME} on the local broker, or {@code LEDGER_IT_RABBITMQ_URI}):
 * events the tests publish stay out of the default vhost, whose queues a running cluster's consumers drain.
 */
public final class TestVhost {
    public static final String NAME = "ledger-it";

    private TestVhost() {
    }

    /** The AMQP URI of the vhost, made ready on first use. */
    public static String uri() {
        return EventBroker.isolatedUri(NAME, "LEDGER_IT_RABBITMQ_URI");
    }

    /** Deletes a queue of the vhost (a test's own, so that none is left behind in the shared test vhost). */
    public static void deleteQueue(String queue) throws Exception {
        var factory = new ConnectionFactory();
        factory.setUri(uri());
        try (var connection = factory.newConnection("cleanup"); var channel = connection.createChannel()) {
            channel.queueDelete(queue);
        }
    }

    /** The same vhost through another port of this host (e.g. a {@link TcpProxy}). */
    public static String uriVia(int port) {
        return uri().replace(":5672/", ":" + port + "/");
    }
}
