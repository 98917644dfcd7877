package dev.polyledger.audit.adapter.in.rabbitmq;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import dev.polyledger.audit.config.AuditProperties;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers the deliveries of the {@code audit} queue into batches for {@link BatchRecorder}, on one thread of its own
 * ({@value #THREAD}). A batch starts with the first delivery waiting and takes every other one waiting, up to
 * {@link AuditProperties.Consumer.Batch#size()} messages; when that is fewer, it waits for more at most
 * {@link AuditProperties.Consumer.Batch#maxWait()} after its first delivery arrived (0: no waiting, the batch is what
 * arrived during the previous write). So a snapshot's latency grows by at most that wait, and one MongoDB write and
 * one acknowledgement serve a whole batch instead of each message.
 *
 * <p>Deliveries still waiting when the worker stops are never settled: the broker redelivers them once their
 * channel closes. Metric {@code audit.batch.size} (messages per batch).
 */
@Singleton
class AuditBatcher {
    static final String THREAD = "audit-writer";
    private static final Logger LOG = LoggerFactory.getLogger(AuditBatcher.class);

    private final BlockingQueue<Delivery> waiting = new LinkedBlockingQueue<>();
    private final BatchRecorder recorder;
    private final int maxSize;
    private final long maxWaitNanos;
    private final DistributionSummary batchSizes;
    private final Thread writer;
    private volatile boolean running = true;

    AuditBatcher(BatchRecorder recorder, MeterRegistry meters, AuditProperties.Consumer.Batch settings) {
        this.recorder = recorder;
        this.maxSize = settings.size();
        this.maxWaitNanos = settings.maxWait().toNanos();
        this.batchSizes = DistributionSummary.builder("audit.batch.size").baseUnit("messages")
                .description("messages recorded per MongoDB write").register(meters);
        this.writer = new Thread(this::run, THREAD);
        this.writer.setDaemon(true);
    }

    @PostConstruct
    void start() {
        writer.start();
    }

    /** Takes a delivery to record; returns at once. Called by the consumers' threads. */
    void add(Delivery delivery) {
        waiting.add(delivery);
        if (waiting.size() >= maxSize - 1) {
            LockSupport.unpark(writer);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        writer.interrupt();
        writer.join(TimeUnit.SECONDS.toMillis(10));
    }

    private void run() {
        List<Delivery> batch = new ArrayList<>(maxSize);
        while (running) {
            try {
                batch.add(waiting.take());
                long deadline = System.nanoTime() + maxWaitNanos;
                long left;
                while (waiting.size() < maxSize - 1 && (left = deadline - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(this, left);
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                }
                waiting.drainTo(batch, maxSize - 1);
                batchSizes.record(batch.size());
                recorder.record(batch);
            } catch (InterruptedException e) {
                if (!running) {
                    return; // what is unsettled is redelivered when the channel closes
                }
                batch.forEach(AuditBatcher::requeue);
            } catch (RuntimeException | Error e) {
                LOG.error("recording a batch of {} failed unexpectedly; requeueing it", batch.size(), e);
                batch.forEach(AuditBatcher::requeue);
            } finally {
                batch.clear();
            }
        }
    }

    private static void requeue(Delivery delivery) {
        try {
            delivery.settlement().nack(false, true);
        } catch (RuntimeException e) {
            LOG.warn("could not requeue message {}: {}", delivery.messageId(), e.toString());
        }
    }
}
