package dev.polyledger.ledger.config;

import com.rabbitmq.client.Channel;
import dev.polyledger.ledger.domain.BatchChunk;
import dev.polyledger.ledger.domain.TenantId;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The work queue of batch chunks: its name, declaration and message form, shared by the publisher
 * ({@code adapter.out.rabbitmq}) and the consumer
 * ({@code adapter.in.rabbitmq}), so the two cannot drift.
 */
public final class BatchQueue {
    private static final Pattern FORMAT = Pattern.compile(
            "\\{\"tenantId\":\"([^\"\\\\]+)\",\"batchId\":\"([0-9a-f-]{36})\",\"fromIndex\":([0-9]{1,9})}");

    private BatchQueue() {
    }

    /** The configured queue name ({@code ledger.batches.queue}). */
    public static String queue(LedgerProperties properties) {
        return properties.batches() == null || properties.batches().queue() == null ? "ledger.batch-chunks"
                : properties.batches().queue();
    }

    /** Declares the durable queue (idempotent); a quorum-free classic queue, as the rest of the topology. */
    public static void declare(Channel channel, String queue) throws IOException {
        channel.queueDeclare(queue, true, false, false, Map.of());
    }

    /** {@code {"tenantId":"…","batchId":"…","fromIndex":n}}; tenant ids have no quote or backslash. */
    public static String encode(BatchChunk chunk) {
        return "{\"tenantId\":\"" + chunk.tenant().value() + "\",\"batchId\":\"" + chunk.batchId() + "\",\"fromIndex\":"
                + chunk.fromIndex() + "}";
    }

    /** @throws IllegalArgumentException for a body that is not a chunk of this form (a poison message) */
    public static BatchChunk decode(String body) {
        var m = FORMAT.matcher(body);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a batch chunk: " + (body.length() > 200 ? body.substring(0, 200) : body));
        }
        return new BatchChunk(new TenantId(m.group(1)), UUID.fromString(m.group(2)), Integer.parseInt(m.group(3)));
    }
}
