package dev.polyledger.audit.perf;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.polyledger.events.EventHeaders;
import dev.polyledger.events.LedgerTopology;
import dev.polyledger.platform.testing.Events;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;

/**
 * A load driver of the audit pipeline alone (issue 5): publishes {@code transfer.posted} envelopes to
 * {@code ledger.events} at a fixed rate, as the api-node's relay does (persistent, publisher-confirmed, routing key
 * = type, {@code message-id} = event id), and measures, per event, publish → snapshot visible in MongoDB.
 * Not a test: {@code audit-worker/perf/audit-bench} runs it against a worker and dev-mongo of its own.
 *
 * <pre>
 * java -cp audit-worker.jar:audit-worker/target/test-classes:platform-testing/target/classes \
 *      dev.polyledger.audit.perf.AuditLoadDriver --rabbitmq amqp://guest:guest@127.0.0.1:5672/audit-perf \
 *      --mongodb mongodb://127.0.0.1:38097 --rate 300 --seconds 30 [--pids 123,456] [--label before]
 * </pre>
 *
 * <p>Visibility is sampled: about {@code --samples} events a second (default 50) are looked up by {@code _id} every
 * {@code --poll-ms} (default 50 ms), so a visible latency is at most one poll period late. Every event is counted
 * (the collection's document count) for the drain: the time from the last publish until the count is complete. Also
 * reported, for every event: the worker's own {@code receivedAt − occurredAt} (what {@code perf/audit-latency}
 * measures on a cluster; {@code occurredAt} is the publish time here). With {@code --pids}, the CPU seconds the named
 * processes used from the first publish until drained, per 1,000 events ({@code /proc/<pid>/stat}, utime + stime).
 *
 * <p>{@code --rate 0}: publishes nothing, reports only the CPU the processes used idle during {@code --seconds}.
 *
 * <p>Prints one line of {@code key=value} figures (latencies in ms) and exits 0, or 1 when snapshots are missing
 * after {@code --timeout} seconds (default 60).
 */
public final class AuditLoadDriver {
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private static final int SAMPLES_PER_POLL = 50;

    private final Map<String, String> options;
    private final List<String> published = new ArrayList<>();
    private final Map<String, Long> sampledAt = new HashMap<>();
    private final LinkedHashSet<String> pending = new LinkedHashSet<>();
    private final List<Long> visibleMicros = new ArrayList<>();
    private final List<Long> receivedMillis = new ArrayList<>();
    private final AtomicLong nacked = new AtomicLong();
    private volatile long lastPublishNanos;
    private long lastVisibleNanos;
    private long storedSeen;

    private AuditLoadDriver(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        System.exit(new AuditLoadDriver(options).run() ? 0 : 1);
    }

    private String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    private boolean run() throws Exception {
        double rate = Double.parseDouble(option("rate", "300"));
        double seconds = Double.parseDouble(option("seconds", "30"));
        long pollMillis = Long.parseLong(option("poll-ms", "50"));
        long timeoutNanos = (long) (Double.parseDouble(option("timeout", "60")) * 1e9);
        long[] pids = option("pids", "").isBlank() ? new long[0]
                : Arrays.stream(option("pids", "").split(",")).mapToLong(Long::parseLong).toArray();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(option("rabbitmq", "amqp://guest:guest@127.0.0.1:5672/audit-perf"));
        try (Connection connection = factory.newConnection("audit-load-driver");
             MongoClient mongo = MongoClients.create(option("mongodb", "mongodb://127.0.0.1:38097"))) {
            Channel channel = connection.createChannel();
            LedgerTopology.declare(channel);
            channel.queuePurge(LedgerTopology.NOTIFICATIONS_QUEUE);
            channel.confirmSelect();
            channel.addConfirmListener((tag, multiple) -> { }, (tag, multiple) -> nacked.incrementAndGet());
            MongoCollection<Document> events = mongo.getDatabase(option("database", "audit"))
                    .getCollection("audit_events");
            long baseline = events.estimatedDocumentCount();

            long[] cpuBefore = cpuTicks(pids);
            if (rate == 0) {
                Thread.sleep((long) (seconds * 1000));
                reportIdle(seconds, pids, cpuBefore, cpuTicks(pids));
                return true;
            }
            long total = Math.round(rate * seconds);
            int sampleEvery = (int) Math.max(1, Math.round(rate / Double.parseDouble(option("samples", "50"))));
            Thread publisher = new Thread(() -> publish(channel, rate, total, sampleEvery), "publisher");
            long start = System.nanoTime();
            publisher.start();
            boolean complete = observe(events, baseline, total, pollMillis,
                    start + (long) (seconds * 1e9) + timeoutNanos);
            long[] cpuAfter = cpuTicks(pids);
            publisher.join();
            channel.waitForConfirmsOrDie(10_000);
            channel.queuePurge(LedgerTopology.NOTIFICATIONS_QUEUE);
            readReceived(events);
            report(total, start, complete, pids, cpuBefore, cpuAfter);
            return complete;
        }
    }

    private void publish(Channel channel, double rate, long total, int sampleEvery) {
        long start = System.nanoTime();
        long sent = 0;
        try {
            while (sent < total) {
                long due = Math.min(total, (long) ((System.nanoTime() - start) / 1e9 * rate) + 1);
                while (sent < due) {
                    UUID eventId = UUID.randomUUID();
                    String id = eventId.toString();
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    byte[] body = Events.transferPosted(eventId, UUID.randomUUID(), UUID.randomUUID(),
                            UUID.randomUUID(), now).getBytes(StandardCharsets.UTF_8);
                    var properties = new AMQP.BasicProperties.Builder().messageId(id).type("transfer.posted")
                            .contentType("application/json").deliveryMode(2)
                            .headers(Map.of(EventHeaders.REQUEST_ID, "req-" + id)).build();
                    long nanos = System.nanoTime();
                    synchronized (this) {
                        published.add(id);
                        if (sent % sampleEvery == 0) {
                            sampledAt.put(id, nanos);
                            pending.add(id);
                        }
                    }
                    channel.basicPublish(LedgerTopology.EXCHANGE, "transfer.posted", properties, body);
                    lastPublishNanos = nanos;
                    sent++;
                }
                Thread.sleep(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException("publishing failed after " + sent + " events", e);
        }
    }

    /**
     * Every poll: the collection's document count (cheap: no per-document work on the server), and whether the
     * oldest pending sampled events are visible yet (an {@code _id} lookup of at most {@link #SAMPLES_PER_POLL}).
     * Looking up every event instead costs the stand-in more than the inserts themselves (measured: a
     * serialization-based B-tree compare per lookup), which would measure the observer.
     */
    private boolean observe(MongoCollection<Document> events, long baseline, long total, long pollMillis,
                            long deadline) throws InterruptedException {
        while (System.nanoTime() < deadline) {
            Thread.sleep(pollMillis);
            long stored = events.estimatedDocumentCount() - baseline;
            long counted = System.nanoTime();
            if (stored > storedSeen) {
                storedSeen = stored;
                lastVisibleNanos = counted;
            }
            List<String> ids = new ArrayList<>();
            synchronized (this) {
                for (String id : pending) {
                    ids.add(id);
                    if (ids.size() == SAMPLES_PER_POLL) {
                        break;
                    }
                }
            }
            if (!ids.isEmpty()) {
                List<Document> found = events.find(Filters.in("_id", ids)).projection(Projections.include("_id"))
                        .into(new ArrayList<>());
                long seen = System.nanoTime();
                synchronized (this) {
                    for (Document doc : found) {
                        String id = doc.getString("_id");
                        pending.remove(id);
                        Long publishedNanos = sampledAt.remove(id);
                        if (publishedNanos != null) {
                            visibleMicros.add((seen - publishedNanos) / 1_000);
                        }
                    }
                }
            }
            if (storedSeen >= total && ids.isEmpty()) {
                return true;
            }
        }
        return storedSeen >= total;
    }

    /** receivedAt − occurredAt of every event of the run, read after the measurement. */
    private void readReceived(MongoCollection<Document> events) {
        List<String> ids = new ArrayList<>(published);
        for (int from = 0; from < ids.size(); from += 1_000) {
            events.find(Filters.in("_id", ids.subList(from, Math.min(ids.size(), from + 1_000))))
                    .projection(Projections.include("occurredAt", "receivedAt"))
                    .forEach(doc -> receivedMillis.add(
                            doc.getDate("receivedAt").getTime() - doc.getDate("occurredAt").getTime()));
        }
    }

    private void report(long total, long start, boolean complete, long[] pids, long[] cpuBefore, long[] cpuAfter) {
        List<Long> visible = visibleMicros.stream().sorted().toList();
        List<Long> received = receivedMillis.stream().sorted().toList();
        StringBuilder line = new StringBuilder();
        line.append("label=").append(option("label", "-"))
                .append(" rate=").append(option("rate", "300"))
                .append(" published=").append(total)
                .append(" nacked=").append(nacked.get())
                .append(" stored=").append(storedSeen)
                .append(" sampled=").append(visible.size())
                .append(" complete=").append(complete)
                .append(String.format(Locale.ROOT, " visible_p50_ms=%.0f visible_p99_ms=%.0f visible_max_ms=%.0f",
                        percentile(visible, 50) / 1000.0, percentile(visible, 99) / 1000.0,
                        percentile(visible, 100) / 1000.0))
                .append(" received_p50_ms=").append(percentile(received, 50))
                .append(" received_p99_ms=").append(percentile(received, 99))
                .append(String.format(Locale.ROOT, " drain_ms=%.0f",
                        Math.max(0, lastVisibleNanos - lastPublishNanos) / 1e6));
        for (int i = 0; i < pids.length; i++) {
            double cpuSeconds = (cpuAfter[i] - cpuBefore[i]) / (double) CLOCK_TICKS_PER_SECOND;
            line.append(String.format(Locale.ROOT, " cpu_s_%d=%.2f cpu_s_per_1000_%d=%.3f", pids[i], cpuSeconds,
                    pids[i], cpuSeconds * 1000 / Math.max(1, storedSeen)));
        }
        line.append(String.format(Locale.ROOT, " wall_s=%.1f at=%s", (lastVisibleNanos - start) / 1e9,
                new Date().toInstant()));
        System.out.println(line);
    }

    private void reportIdle(double seconds, long[] pids, long[] cpuBefore, long[] cpuAfter) {
        StringBuilder line = new StringBuilder("label=").append(option("label", "-")).append(" idle_s=").append(seconds);
        for (int i = 0; i < pids.length; i++) {
            line.append(String.format(Locale.ROOT, " cpu_s_%d=%.2f", pids[i],
                    (cpuAfter[i] - cpuBefore[i]) / (double) CLOCK_TICKS_PER_SECOND));
        }
        System.out.println(line);
    }

    private static long percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** utime + stime of each process in clock ticks ({@code /proc/<pid>/stat} fields 14 and 15). */
    private static long[] cpuTicks(long[] pids) throws Exception {
        long[] ticks = new long[pids.length];
        for (int i = 0; i < pids.length; i++) {
            String stat = Files.readString(Path.of("/proc", Long.toString(pids[i]), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks[i] = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
        return ticks;
    }
}
