package dev.polyledger.notification;

import dev.polyledger.notification.testing.NotificationTestEnvironment;
import dev.polyledger.platform.testing.Events;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polyledger.notification.testing.Api;
import dev.polyledger.notification.testing.IndependentSignature;
import dev.polyledger.notification.testing.Receiver;
import dev.polyledger.notification.testing.TestBroker;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The worker end to end: events published to {@code ledger.events} on the real local RabbitMQ (vhost
 * {@code notification-it}) are delivered as signed POSTs to real HTTP endpoints on 127.0.0.1 (private URLs allowed
 * here), with the fast retry schedule {@code 100ms,200ms,300ms} (four attempts). Assertions count only the requests
 * of the test's own event ids.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationWorkerIT implements TestPropertyProvider {
    private static final Duration WITHIN = Duration.ofSeconds(15);
    private final TestBroker broker = new TestBroker();

    @Inject
    EmbeddedServer server;
    Api api;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = NotificationTestEnvironment.properties("notification_it_delivery");
        properties.put("notification.allow-private-urls", "true");
        properties.put("notification.retry.schedule", "100ms,200ms,300ms");
        properties.put("notification.dispatch.interval", "50ms");
        return properties;
    }

    @BeforeEach
    void client() {
        api = new Api(server.getURL().toString());
    }

    @AfterEach
    void unsubscribeAll() {
        for (JsonNode subscription : api.get("/api/v1/webhooks").json().get("items")) {
            api.delete("/api/v1/webhooks/" + subscription.get("id").asText());
        }
    }

    @AfterAll
    void closeBroker() throws Exception {
        broker.close();
    }

    private String publishTransfer() {
        UUID eventId = UUID.randomUUID();
        String body = Events.transferPosted(eventId, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), Instant.now());
        broker.publish("transfer.posted", eventId.toString(), body);
        return body;
    }



    private Api.Answer awaitDelivery(String subscriptionId, String eventId, String status) {
        return api.awaitGet("/api/v1/webhooks/" + subscriptionId + "/deliveries",
                a -> delivery(a, eventId) != null && status.equals(delivery(a, eventId).get("status").asText()), WITHIN);
    }

    private static JsonNode delivery(Api.Answer answer, String eventId) {
        if (answer.json() == null || answer.json().get("items") == null) {
            return null;
        }
        for (JsonNode item : answer.json().get("items")) {
            if (eventId.equals(item.get("eventId").asText())) {
                return item;
            }
        }
        return null;
    }

    @Test
    void aPostedTransferIsDeliveredOnceSignedPerStandardWebhooks() throws Exception {
        try (Receiver receiver = Receiver.answering(200)) {
            JsonNode subscription = api.subscribe(receiver.url(), "[\"transfer.posted\"]");
            String body = publishTransfer();
            String eventId = Events.eventIdOf(body);

            var answer = awaitDelivery(subscription.get("id").asText(), eventId, "DELIVERED");
            JsonNode delivery = delivery(answer, eventId);
            assertThat(delivery).as(answer.toString()).isNotNull();
            assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
            assertThat(delivery.get("lastResponseCode").asInt()).isEqualTo(200);
            assertThat(delivery.get("deliveredAt").isNull()).isFalse();

            Thread.sleep(500);
            List<Receiver.Received> received = receiver.receivedFor(eventId);
            assertThat(received).hasSize(1);
            Receiver.Received request = received.get(0);
            assertThat(request.body()).isEqualTo(body);
            assertThat(request.header("content-type")).isEqualTo("application/json");
            assertThat(request.header("webhook-id")).isEqualTo(eventId);
            long timestamp = Long.parseLong(request.header("webhook-timestamp"));
            assertThat(timestamp).isBetween(Instant.now().getEpochSecond() - 30, Instant.now().getEpochSecond() + 1);
            assertThat(request.header("webhook-signature"))
                    .isEqualTo(IndependentSignature.of(subscription.get("secret").asText(), eventId,
                            request.header("webhook-timestamp"), body));
        }
    }

    @Test
    void aFailingEndpointIsRetriedWithTheSameWebhookIdUntilItAnswers2xx() {
        try (Receiver receiver = new Receiver(n -> n <= 2 ? 500 : 200, Duration.ZERO)) {
            String subscriptionId = api.subscribe(receiver.url(), "[\"*\"]").get("id").asText();
            String eventId = Events.eventIdOf(publishTransfer());

            var answer = awaitDelivery(subscriptionId, eventId, "DELIVERED");
            JsonNode delivery = delivery(answer, eventId);
            assertThat(delivery).as(answer.toString()).isNotNull();
            assertThat(delivery.get("status").asText()).isEqualTo("DELIVERED");
            assertThat(delivery.get("attempts").asInt()).isEqualTo(3);
            List<Receiver.Received> received = receiver.receivedFor(eventId);
            assertThat(received).hasSize(3);
            assertThat(received).extracting(r -> r.header("webhook-id")).containsOnly(eventId);
        }
    }

    @Test
    void anEndpointThatAlwaysFailsIsDeadLetteredAfterTheLastAttempt() throws Exception {
        try (Receiver receiver = Receiver.answering(500)) {
            String subscriptionId = api.subscribe(receiver.url(), "[\"transfer.posted\"]").get("id").asText();
            String eventId = Events.eventIdOf(publishTransfer());

            var answer = awaitDelivery(subscriptionId, eventId, "DEAD_LETTERED");
            JsonNode delivery = delivery(answer, eventId);
            assertThat(delivery).as(answer.toString()).isNotNull();
            assertThat(delivery.get("status").asText()).isEqualTo("DEAD_LETTERED");
            assertThat(delivery.get("attempts").asInt()).isEqualTo(4);
            assertThat(delivery.get("lastResponseCode").asInt()).isEqualTo(500);
            assertThat(delivery.get("lastError").asText()).contains("500");
            Thread.sleep(700);
            assertThat(receiver.receivedFor(eventId)).hasSize(4);
        }
    }

    @Test
    void goneDisablesTheSubscriptionAndLaterEventsAreNotDeliveredToIt() throws Exception {
        try (Receiver receiver = Receiver.answering(410)) {
            String subscriptionId = api.subscribe(receiver.url(), "[\"transfer.posted\"]").get("id").asText();
            String first = Events.eventIdOf(publishTransfer());

            var answer = awaitDelivery(subscriptionId, first, "DEAD_LETTERED");
            assertThat(delivery(answer, first)).as(answer.toString()).isNotNull();
            assertThat(delivery(answer, first).get("lastResponseCode").asInt()).isEqualTo(410);
            assertThat(api.get("/api/v1/webhooks/" + subscriptionId).text("status")).isEqualTo("DISABLED");

            String second = Events.eventIdOf(publishTransfer());
            Thread.sleep(1500);
            assertThat(receiver.receivedFor(first)).hasSize(1);
            assertThat(receiver.receivedFor(second)).isEmpty();
            assertThat(delivery(api.get("/api/v1/webhooks/" + subscriptionId + "/deliveries"), second)).isNull();
        }
    }

    @Test
    void everySubscriptionGetsTheEvent() {
        try (Receiver one = Receiver.answering(200); Receiver two = Receiver.answering(204)) {
            String a = api.subscribe(one.url(), "[\"transfer.posted\"]").get("id").asText();
            String b = api.subscribe(two.url(), "[\"*\"]").get("id").asText();
            String eventId = Events.eventIdOf(publishTransfer());

            assertThat(delivery(awaitDelivery(a, eventId, "DELIVERED"), eventId).get("status").asText()).isEqualTo("DELIVERED");
            assertThat(delivery(awaitDelivery(b, eventId, "DELIVERED"), eventId).get("status").asText()).isEqualTo("DELIVERED");
            assertThat(one.receivedFor(eventId)).hasSize(1);
            assertThat(two.receivedFor(eventId)).hasSize(1);
        }
    }

    /**
     * The control: an event of the subscribed type, published after the other one on the same queue, must arrive;
     * once it has, the other one has been consumed too and must have been neither scheduled nor sent.
     */
    @Test
    void anEventOfAnotherTypeIsNotDelivered() {
        try (Receiver receiver = Receiver.answering(200)) {
            String subscriptionId = api.subscribe(receiver.url(), "[\"account.created\"]").get("id").asText();
            String otherType = Events.eventIdOf(publishTransfer());
            UUID control = UUID.randomUUID();
            broker.publish("account.created", control.toString(),
                    Events.accountEvent("account.created", control, UUID.randomUUID(), 1, "ACTIVE", Instant.now()));

            var answer = awaitDelivery(subscriptionId, control.toString(), "DELIVERED");

            assertThat(delivery(answer, control.toString())).as(answer.toString()).isNotNull();
            assertThat(receiver.receivedFor(control.toString())).hasSize(1);
            assertThat(receiver.receivedFor(otherType)).isEmpty();
            assertThat(delivery(api.get("/api/v1/webhooks/" + subscriptionId + "/deliveries"), otherType)).isNull();
        }
    }

    @Test
    void aSlowEndpointDoesNotDelayAFastOne() {
        try (Receiver slow = new Receiver(n -> 200, Duration.ofSeconds(3)); Receiver fast = Receiver.answering(200)) {
            String slowId = api.subscribe(slow.url(), "[\"transfer.posted\"]").get("id").asText();
            String fastId = api.subscribe(fast.url(), "[\"transfer.posted\"]").get("id").asText();
            long published = System.nanoTime();
            String eventId = Events.eventIdOf(publishTransfer());

            var fastAnswer = awaitDelivery(fastId, eventId, "DELIVERED");
            long fastDone = System.nanoTime();
            assertThat(delivery(fastAnswer, eventId)).as(fastAnswer.toString()).isNotNull();
            assertThat(delivery(fastAnswer, eventId).get("status").asText()).isEqualTo("DELIVERED");
            assertThat(Duration.ofNanos(fastDone - published)).isLessThan(Duration.ofMillis(2500));
            JsonNode slowDelivery = delivery(api.get("/api/v1/webhooks/" + slowId + "/deliveries"), eventId);
            assertThat(slowDelivery).isNotNull();
            assertThat(slowDelivery.get("status").asText()).isEqualTo("PENDING");

            assertThat(delivery(awaitDelivery(slowId, eventId, "DELIVERED"), eventId).get("status").asText())
                    .isEqualTo("DELIVERED");
        }
    }
}
