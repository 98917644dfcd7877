package dev.polyledger.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyledger.events.LedgerTopology;
import dev.polyledger.notification.testing.Api;
import dev.polyledger.notification.testing.NotificationTestEnvironment;
import dev.polyledger.notification.testing.Receiver;
import dev.polyledger.notification.testing.TestBroker;
import dev.polyledger.platform.testing.SwitchableMongo;
import dev.polyledger.platform.testing.Events;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
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
 * Issue 14: MongoDB down for longer than the whole delivery budget of the {@code notifications} queue (10
 * deliveries) dead-letters no valid event: each is held, unsettled, until MongoDB answers, then scheduled and
 * delivered exactly once. The control: a malformed message published during the same outage is still
 * dead-lettered.
 *
 * <p>This test needs a MongoDB it can stop and start again with its data (the subscription): an in-process
 * stand-in of its own whose in-memory data outlives the server, with a 1 s server-selection timeout and a 200 ms
 * retry pause. The old behaviour spent one delivery per failed attempt (about 1.2 s each here): the budget was
 * about 12 s; MongoDB stays down for 25 s.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MongoOutageIT implements TestPropertyProvider {
    private static final String DATABASE = "notification_it_outage";
    private final SwitchableMongo mongo = new SwitchableMongo(true);
    private final TestBroker broker = new TestBroker();

    @Inject
    EmbeddedServer server;
    @Inject
    MeterRegistry meters;

    MongoOutageIT() {
        mongo.start();
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(NotificationTestEnvironment.DATABASE.properties());
        properties.put("mongodb.uri", mongo.uri());
        properties.put("mongodb.cluster.server-selection-timeout", "1s");
        properties.put("notification.mongodb.database", DATABASE);
        properties.put("rabbitmq.uri", TestBroker.uri());
        properties.put("notification.allow-private-urls", "true");
        properties.put("notification.retry.schedule", "100ms,200ms,300ms");
        properties.put("notification.dispatch.interval", "50ms");
        properties.put("notification.consumer.retry-pause", "200ms");
        return properties;
    }

    @AfterAll
    void stop() throws Exception {
        broker.close();
        mongo.stop();
    }

    @Test
    void anOutageLongerThanTheWholeDeliveryBudgetDeadLettersNoValidEventAndEachIsDeliveredOnce() throws Exception {
        var api = new Api(server.getURL().toString());
        String deadLetters = LedgerTopology.deadLetterQueueOf(LedgerTopology.NOTIFICATIONS_QUEUE);
        broker.purge(deadLetters);
        try (Receiver receiver = Receiver.answering(200)) {
            api.subscribe(receiver.url(), "[\"transfer.posted\"]");
            List<String> eventIds = new ArrayList<>();
            String poisonId = UUID.randomUUID().toString();
            mongo.stop();
            double unavailableBefore = storeUnavailable();

            for (int i = 0; i < 8; i++) {
                UUID eventId = UUID.randomUUID();
                eventIds.add(eventId.toString());
                broker.publish("transfer.posted", eventId.toString(), Events.transferPosted(eventId, UUID.randomUUID(),
                        UUID.randomUUID(), UUID.randomUUID(), Instant.now()));
                if (i == 4) {
                    broker.publish("transfer.posted", poisonId, "{\"not\": \"an event\", \"id\": \"" + poisonId + "\"}");
                }
            }
            // Down for 25 s, twice the old budget; the held messages were tried again and again meanwhile (the
            // pause doubles: about 7 attempts each in 25 s).
            Thread.sleep(Duration.ofSeconds(25).toMillis());
            assertThat(storeUnavailable()).as("attempts that found MongoDB down")
                    .isGreaterThanOrEqualTo(unavailableBefore + 10);

            mongo.start();

            receiver.await(eventIds.size(), Duration.ofSeconds(30));
            Thread.sleep(1_000); // a second delivery of any event would arrive by now (dispatch every 50 ms)
            for (String eventId : eventIds) {
                assertThat(receiver.receivedFor(eventId)).as("deliveries of " + eventId).hasSize(1);
            }
            List<String> deadLettered = new ArrayList<>();
            assertThat(broker.awaitMessage(deadLetters, body -> deadLettered.add(body) && body.contains(poisonId),
                    Duration.ofSeconds(20))).as("the malformed message, dead-lettered in the same run").isPresent();
            broker.awaitMessage(deadLetters, body -> !deadLettered.add(body), Duration.ofSeconds(2));
            for (String eventId : eventIds) {
                assertThat(deadLettered).as("dead-letter queue").noneMatch(body -> body.contains(eventId));
            }
        }
    }

    private double storeUnavailable() {
        var counter = meters.find("notification.store.unavailable").counter();
        return counter == null ? 0 : counter.count();
    }



}
