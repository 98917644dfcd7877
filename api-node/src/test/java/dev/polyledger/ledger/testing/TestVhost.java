package dev.polyledger.ledger.testing;

import java.io.IOException;

/**
 * The RabbitMQ vhost of the api-node's tests ({@value #NAME} on the local broker), created with
 * {@code rabbitmqctl} as {@code bin/cluster} creates its own: events the tests publish stay out of the default
 * vhost, whose queues a running cluster's consumers (and nobody at all, for {@code notifications}) drain.
 */
public final class TestVhost {
    public static final String NAME = "ledger-it";
    private static boolean ready;

    private TestVhost() {
    }

    /** The AMQP URI of the vhost, created (idempotently) on first use. */
    public static synchronized String uri() {
        if (!ready) {
            run("rabbitmqctl", "-q", "add_vhost", NAME);
            run("rabbitmqctl", "-q", "set_permissions", "-p", NAME, "guest", ".*", ".*", ".*");
            ready = true;
        }
        return "amqp://guest:guest@127.0.0.1:5672/" + NAME;
    }

    /** The same vhost through another host and port (e.g. a {@link TcpProxy}). */
    public static String uriVia(int port) {
        return uri().replace(":5672/", ":" + port + "/");
    }

    private static void run(String... command) {
        try {
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("rabbitmqctl is needed to prepare the test vhost " + NAME, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
