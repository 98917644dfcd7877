package dev.polyledger.platform.testing;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.polyledger.events.EventHeaders;
import dev.polyledger.events.LedgerTopology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The real local RabbitMQ, reached with the plain AMQP client as the api-node's relay would: publishes to
 * {@code ledger.events} with routing key = type, persistent, publisher-confirmed, with the real topology of
 * {@code LedgerTopology}.
 *
 * <p>Each test suite runs in a vhost of its own on 127.0.0.1:5672 (created with {@code rabbitmqctl} when
 * missing, as {@code bin/cluster} does for its vhosts): the workers of a running cluster consume the queues of
 * {@code /} and would otherwise take the tests' messages. An environment variable named by the suite overrides
 * the broker. The queues of a vhost are shared between runs: tests recognise their own messages by id.
 */
public class EventBroker implements AutoCloseable {
    private static final String LOCAL = "amqp://guest:guest@127.0.0.1:5672";
    private static final Map<String, String> URIS = new HashMap<>();
    private final Connection connection;
    private final Channel channel;

    /** Connects to {@code uri} (see {@link #isolatedUri}) and declares the topology there. */
    public EventBroker(String uri, String clientName) {
        try {
            connection = factory(uri).newConnection(clientName);
            channel = connection.createChannel();
            LedgerTopology.declare(channel);
            channel.confirmSelect();
        } catch (Exception e) {
            throw new IllegalStateException("RabbitMQ is not reachable at " + uri, e);
        }
    }

    /**
     * The broker of a test suite: the URI in {@code overrideEnv} when set, else {@code vhost} on the local
     * broker, made ready on first use (and its {@code notifications} queue, which no test drains, emptied).
     */
    public static synchronized String isolatedUri(String vhost, String overrideEnv) {
        String uri = URIS.get(vhost);
        if (uri == null) {
            String given = System.getenv(overrideEnv);
            if (given != null && !given.isBlank()) {
                uri = given;
            } else {
                String isolated = LOCAL + "/" + vhost;
                if (!reachable(isolated)) {
                    rabbitmqctl("add_vhost", vhost);
                    rabbitmqctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
                }
                if (!reachable(isolated)) {
                    throw new IllegalStateException("vhost " + vhost + " is not usable on the local RabbitMQ "
                            + "(rabbitmqctl add_vhost failed?); set " + overrideEnv + " to another broker");
                }
                uri = isolated;
                purgeNotifications(uri);
            }
            URIS.put(vhost, uri);
        }
        return uri;
    }

    private static ConnectionFactory factory(String uri) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri);
        return factory;
    }

    private static boolean reachable(String uri) {
        try (Connection ignored = factory(uri).newConnection("platform-testing-probe")) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static void purgeNotifications(String uri) {
        try (Connection connection = factory(uri).newConnection("platform-testing-setup")) {
            Channel channel = connection.createChannel();
            LedgerTopology.declare(channel);
            channel.queuePurge(LedgerTopology.NOTIFICATIONS_QUEUE);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void rabbitmqctl(String... args) {
        var command = new java.util.ArrayList<String>();
        command.add("rabbitmqctl");
        command.add("-q");
        command.addAll(java.util.List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException e) {
            // not installed: reported by the caller
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Publishes a body as the relay does: messageId, type, JSON, persistent, the event headers. */
    public void publish(String type, String eventId, String body) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(EventHeaders.REQUEST_ID, "req-" + eventId);
        var properties = new AMQP.BasicProperties.Builder()
                .messageId(eventId).type(type).contentType("application/json").deliveryMode(2).headers(headers).build();
        try {
            channel.basicPublish(LedgerTopology.EXCHANGE, type, properties, body.getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(5_000);
        } catch (IOException | InterruptedException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes every message from a queue; returns how many there were. */
    public int purge(String queue) {
        try {
            return channel.queuePurge(queue).getMessageCount();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Takes messages from a queue until one matches (acknowledging all it takes) or the deadline passes.
     * Messages of others are acknowledged too: only use it on a dead-letter queue.
     */
    public Optional<String> awaitMessage(String queue, Predicate<String> matching, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                GetResponse response = channel.basicGet(queue, true);
                if (response == null) {
                    Thread.sleep(100);
                    continue;
                }
                String body = new String(response.getBody(), StandardCharsets.UTF_8);
                if (matching.test(body)) {
                    return Optional.of(body);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
