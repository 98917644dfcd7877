package dev.polyledger.audit.testing;

import dev.polyledger.platform.testing.EventBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The real local RabbitMQ for the audit-worker's tests: vhost {@value #VHOST}, or {@code AUDIT_IT_RABBITMQ_URI} when set. */
public final class TestBroker extends EventBroker {
    public static final String VHOST = "audit-it";
    private static final String OVERRIDE = "AUDIT_IT_RABBITMQ_URI";

    public TestBroker() {
        super(uri(), "audit-worker-it");
    }

    public static String uri() {
        return EventBroker.isolatedUri(VHOST, OVERRIDE);
    }

    /**
     * Messages of the queue delivered to a consumer and not settled yet, as {@code rabbitmqctl list_queues} tells on
     * the local broker; 0 when the tests run against another broker ({@code AUDIT_IT_RABBITMQ_URI}), which this
     * cannot ask.
     */
    public static long unacknowledged(String queue) {
        String given = System.getenv(OVERRIDE);
        if (given != null && !given.isBlank()) {
            return 0;
        }
        try {
            Process process = new ProcessBuilder("rabbitmqctl", "-q", "--no-table-headers", "list_queues", "-p", VHOST,
                    "name", "messages_unacknowledged").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("rabbitmqctl list_queues failed: " + out);
            }
            return out.lines().map(line -> line.split("\t")).filter(f -> f.length == 2 && f[0].equals(queue))
                    .mapToLong(f -> Long.parseLong(f[1].trim())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no queue " + queue + " in " + out));
        } catch (IOException e) {
            throw new IllegalStateException("rabbitmqctl is not runnable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
