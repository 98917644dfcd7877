package dev.polyledger.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polyledger.notification.testing.Api;
import dev.polyledger.notification.testing.NotificationTestEnvironment;
import dev.polyledger.notification.testing.Receiver;
import dev.polyledger.notification.testing.TestBroker;
import dev.polyledger.platform.testing.Events;
import dev.polyledger.platform.testing.TestMongo;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The two paths the in-memory due-queue adds, through the real RabbitMQ (vhost {@code notification-it}), the MongoDB
 * of the tests and real HTTP receivers on 127.0.0.1: retries of failed attempts (same {@code webhook-id}, exactly one
 * successful delivery each, outcomes in the record and the metrics), and a worker stopped with retries pending whose
 * successor resumes them from MongoDB.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetryAndResumeIT {
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private final TestBroker broker = new TestBroker();

    @AfterAll
    void closeBroker() throws Exception {
        broker.close();
    }

    private static Map<String, Object> settings(String database, boolean emptied, String retrySchedule) {
        Map<String, Object> properties = new HashMap<>(emptied ? NotificationTestEnvironment.properties(database)
                : NotificationTestEnvironment.DATABASE.properties());
        if (!emptied) {
            properties.put("mongodb.uri", TestMongo.uri());
            properties.put("notification.mongodb.database", database);
            properties.put("rabbitmq.uri", TestBroker.uri());
        }
        properties.put("notification.allow-private-urls", "true");
        properties.put("notification.retry.schedule", retrySchedule);
        properties.put("notification.dispatch.interval", "50ms");
        return properties;
    }

    private List<String> publish(int events) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            UUID eventId = UUID.randomUUID();
            ids.add(eventId.toString());
            broker.publish("transfer.posted", eventId.toString(), Events.transferPosted(eventId, UUID.randomUUID(),
                    UUID.randomUUID(), UUID.randomUUID(), Instant.now()));
        }
        return ids;
    }

    private static Map<String, JsonNode> deliveries(Api api, String subscriptionId) {
        Map<String, JsonNode> byEvent = new HashMap<>();
        for (JsonNode item : api.get("/api/v1/webhooks/" + subscriptionId + "/deliveries").json().get("items")) {
            byEvent.put(item.get("eventId").asText(), item);
        }
        return byEvent;
    }

    private static Map<String, JsonNode> awaitDeliveries(Api api, String subscriptionId, List<String> eventIds,
                                                         String status) {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        Map<String, JsonNode> found = deliveries(api, subscriptionId);
        while (!eventIds.stream().allMatch(id -> found.containsKey(id)
                && status.equals(found.get(id).get("status").asText())) && System.nanoTime() < deadline) {
            sleep(50);
            found.clear();
            found.putAll(deliveries(api, subscriptionId));
        }
        return found;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double outcomes(ApplicationContext context, String outcome) {
        var counter = context.getBean(MeterRegistry.class).find("webhook.deliveries").tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aReceiverFailingTwiceThenSucceedingGetsExactlyOneSuccessfulDeliveryPerWebhookId() {
        try (Receiver receiver = Receiver.failingEachEventFirst(2);
             EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                     settings("notification_it_retry", true, "200ms,200ms,200ms"))) {
            var api = new Api(server.getURL().toString());
            String subscriptionId = api.subscribe(receiver.url(), "[\"transfer.posted\"]").get("id").asText();

            List<String> eventIds = publish(20);
            Map<String, JsonNode> delivered = awaitDeliveries(api, subscriptionId, eventIds, "DELIVERED");
            // Positive control: an event published now takes two retries (>= 400 ms); a stray extra attempt of the
            // first twenty (due 200-240 ms after their last one) would have arrived before it is delivered.
            List<String> control = publish(1);
            awaitDeliveries(api, subscriptionId, control, "DELIVERED");

            for (String eventId : eventIds) {
                assertThat(delivered.get(eventId)).as("delivery of " + eventId).isNotNull();
                assertThat(delivered.get(eventId).get("attempts").asInt()).isEqualTo(3);
                assertThat(delivered.get(eventId).get("lastResponseCode").asInt()).isEqualTo(200);
                List<Receiver.Received> requests = receiver.receivedFor(eventId);
                assertThat(requests).as("requests of " + eventId).hasSize(3);
                assertThat(requests).extracting(r -> r.header("webhook-id")).containsOnly(eventId);
            }
            assertThat(receiver.receivedFor(control.get(0))).hasSize(3);
            assertThat(outcomes(server.getApplicationContext(), "delivered")).isEqualTo(21);
            assertThat(outcomes(server.getApplicationContext(), "retried")).isEqualTo(42);
            assertThat(outcomes(server.getApplicationContext(), "dead_lettered")).isZero();
            var lag = server.getApplicationContext().getBean(MeterRegistry.class).find("webhook.delivery.lag").timer();
            assertThat(lag).isNotNull();
            assertThat(lag.count()).isEqualTo(21);
        }
    }

    /**
     * The first worker's attempts are held by the receiver (recorded on arrival, answered only after the worker has
     * gone, with a delivery timeout far longer than the hold), so no outcome of theirs can be written: MongoDB has the
     * deliveries PENDING without an attempt, and the next worker must make them, with the same {@code webhook-id}.
     */
    @Test
    void deliveriesWhoseOutcomeWasNotWrittenWhenTheWorkerStoppedAreSentByTheNextOne() {
        String database = "notification_it_resume";
        Duration hold = Duration.ofSeconds(90);
        List<String> eventIds;
        String subscriptionId;
        try (Receiver receiver = new Receiver((all, request) -> {
            boolean first = all.stream().filter(r -> r.header("webhook-id").equals(request.header("webhook-id")))
                    .count() == 1;
            if (first) {
                sleep(hold.toMillis());
            }
            return 200;
        }, Duration.ZERO)) {
            Map<String, Object> firstSettings = settings(database, true, "1s");
            firstSettings.put("notification.delivery.timeout", "10m");
            firstSettings.put("notification.delivery.max-in-flight-per-subscription", "8");
            try (EmbeddedServer first = ApplicationContext.run(EmbeddedServer.class, firstSettings)) {
                var api = new Api(first.getURL().toString());
                subscriptionId = api.subscribe(receiver.url(), "[\"transfer.posted\"]").get("id").asText();
                eventIds = publish(5);
                receiver.await(5, WITHIN);
                Map<String, JsonNode> pending = awaitDeliveries(api, subscriptionId, eventIds, "PENDING");
                for (String eventId : eventIds) {
                    assertThat(pending.get(eventId)).as("stored before the ack").isNotNull();
                    assertThat(pending.get(eventId).get("attempts").asInt()).isZero();
                }
            }
            assertThat(receiver.received()).as("one attempt each, unanswered while the first worker ran").hasSize(5);

            try (EmbeddedServer second = ApplicationContext.run(EmbeddedServer.class,
                    settings(database, false, "1s"))) {
                var api = new Api(second.getURL().toString());
                Map<String, JsonNode> delivered = awaitDeliveries(api, subscriptionId, eventIds, "DELIVERED");
                for (String eventId : eventIds) {
                    assertThat(delivered.get(eventId)).as("delivery of " + eventId).isNotNull();
                    // 1: the first worker's attempt left no trace; 2: its stop failed the attempt and wrote that
                    assertThat(delivered.get(eventId).get("attempts").asInt()).isIn(1, 2);
                    assertThat(receiver.receivedFor(eventId)).as("requests of " + eventId).hasSize(2)
                            .extracting(r -> r.header("webhook-id")).containsOnly(eventId);
                }
            }
        }
    }
}
