package dev.polyledger.ledger.application.port.out;

import dev.polyledger.ledger.domain.BatchChunk;

/**
 * The work queue of batch chunks (RabbitMQ): any api-node consumes it, so any node can continue a batch another node
 * started. Delivery is at least once; processing a chunk twice is harmless (posted items are skipped).
 */
public interface BatchWorkQueue {

    /**
     * Enqueues {@code chunk} durably; returns once the broker confirmed it.
     *
     * @throws IllegalStateException when the broker is out of reach or did not confirm (the stalled-batch sweep
     *                               enqueues the chunk again later)
     */
    void enqueue(BatchChunk chunk);
}
