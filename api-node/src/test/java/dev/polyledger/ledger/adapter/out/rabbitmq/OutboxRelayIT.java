package dev.polyledger.ledger.adapter.out.rabbitmq;

import static dev.polyledger.ledger.testing.LedgerClient.transferBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.polyledger.events.LedgerTopology;
import dev.polyledger.ledger.testing.FreshDatabase;
import dev.polyledger.ledger.testing.LedgerClient;
import dev.polyledger.ledger.testing.LedgerInvariants;
import dev.polyledger.ledger.testing.TcpProxy;
import dev.polyledger.ledger.testing.TestVhost;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The outbox relay of one node against the real RabbitMQ, reached through a {@link TcpProxy} so the test can
 * take the broker away from this node alone.
 */
@ExtendWith(FreshDatabase.class)
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxRelayIT implements TestPropertyProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private TcpProxy proxy;
    private Connection connection;
    private Channel channel;
    private String queue;
    @Inject
    EmbeddedServer server;
    LedgerClient api;

    @Override
    public Map<String, String> getProperties() {
        try {
            TestVhost.uri();
            proxy = new TcpProxy("127.0.0.1", 5672);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "ledger.outbox.relay-enabled", "true",
                "ledger.background-jobs.enabled", "true",
                "ledger.outbox.max-backoff", "500ms",
                "ledger.rabbitmq.uri", TestVhost.uriVia(proxy.port()));
    }

    @BeforeEach
    void listen() throws Exception {
        api = new LedgerClient(server.getURL().toString());
        if (channel == null) {
            var factory = new ConnectionFactory();
            factory.setUri(TestVhost.uri());
            connection = factory.newConnection("outbox-relay-it");
            channel = connection.createChannel();
            LedgerTopology.declare(channel);
            queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, LedgerTopology.EXCHANGE, "#");
        }
    }

    @AfterAll
    void close() throws Exception {
        if (connection != null) {
            connection.close();
        }
        proxy.close();
    }

    @Test
    void publishesEveryCommittedChangeAsAPersistentEnvelope() throws Exception {
        String a = api.openAccount("USD");
        String b = api.openAccount("USD");
        var credit = api.post("/api/v1/accounts/" + a + "/credits", "{\"amount\":\"10\"}", java.util.UUID.randomUUID().toString(),
                "relay-req-1");
        var transfer = api.post("/api/v1/transfers", transferBody(a, b, "4.00", "USD"));
        assertThat(api.post("/api/v1/transfers", transferBody(a, b, "400.00", "USD")).code()).isEqualTo("INSUFFICIENT_FUNDS");

        Map<String, Received> byAggregate = new HashMap<>();
        for (Received r : receive(4, Duration.ofSeconds(10), Set.of(a, b, credit.text("id"), transfer.text("id")))) {
            byAggregate.merge(r.envelope().get("aggregateId").asText() + "/" + r.envelope().get("type").asText(), r, (x, y) -> x);
        }
        var posted = byAggregate.get(credit.text("id") + "/transfer.posted");
        assertThat(posted).as("credit event").isNotNull();
        assertThat(posted.envelope().get("requestId").asText()).isEqualTo("relay-req-1");
        assertThat(posted.envelope().get("sequence").asLong()).isEqualTo(1);
        assertThat(posted.envelope().get("source").asText()).isEqualTo("test-node");
        assertThat(posted.envelope().get("tenantId").asText()).isEqualTo("default");
        assertThat(posted.envelope().get("actor").asText()).as("the operator key's id, never the key")
                .isEqualTo("bootstrap");
        assertThat(posted.envelope().get("data").get("amount").asText()).isEqualTo("10.00");
        assertThat(posted.envelope().get("data").get("entries").get(1).get("balanceAfter").asText()).isEqualTo("10.00");
        assertThat(posted.deliveryMode()).isEqualTo(2);
        assertThat(posted.messageId()).isEqualTo(posted.envelope().get("eventId").asText());
        assertThat(posted.routingKey()).isEqualTo("transfer.posted");
        assertThat(byAggregate).containsKeys(a + "/account.created", b + "/account.created",
                transfer.text("id") + "/transfer.posted");
        awaitZero("SELECT count(*) FROM outbox WHERE aggregate_id IN ('" + a + "','" + b + "')",
                Duration.ofSeconds(5));
    }

    @Test
    void publishesAnAccountsEventsInSequenceOrder() throws Exception {
        String a = api.openAccount("USD");
        for (String action : List.of("freeze", "unfreeze", "freeze", "unfreeze", "close")) {
            assertThat(api.post("/api/v1/accounts/" + a + "/" + action, null).status()).isEqualTo(200);
        }
        var events = receive(6, Duration.ofSeconds(10), Set.of(a));
        assertThat(events.stream().map(r -> r.envelope().get("sequence").asLong()).toList())
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(events.get(5).routingKey()).isEqualTo("account.closed");
    }

    @Test
    void keepsAcceptingTransfersWhileTheBrokerIsAwayAndDrainsWhenItReturns() throws Exception {
        String a = api.openAccount("USD");
        String b = api.openAccount("USD");
        String credit = api.credit(a, "100").text("id");
        receive(3, Duration.ofSeconds(10), Set.of(a, b, credit));

        proxy.cut();
        var transferIds = new ArrayList<String>();
        for (int i = 0; i < 20; i++) {
            var answer = api.post("/api/v1/transfers", transferBody(a, b, "1.00", "USD"));
            assertThat(answer.status()).isEqualTo(201);
            transferIds.add(answer.text("id"));
        }
        Thread.sleep(1_000);
        String pending = "SELECT count(*) FROM outbox WHERE aggregate_id IN ('"
                + String.join("','", transferIds) + "')";
        assertThat(LedgerInvariants.count(pending)).isEqualTo(20);
        var health = api.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("details").get("outbox").get("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.json().get("details").get("outbox").get("details").get("backlog").asLong()).isGreaterThanOrEqualTo(20);

        proxy.restore();
        var received = receive(20, Duration.ofSeconds(15), Set.copyOf(transferIds));
        assertThat(received.stream().map(r -> r.envelope().get("aggregateId").asText()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(transferIds);
        // The relay deletes a published batch in the transaction that commits right after the broker's confirm.
        awaitZero(pending, Duration.ofSeconds(5));
        assertThat(api.get("/health").json().get("details").get("outbox").get("status").asText()).isEqualTo("UP");
    }

    private static void awaitZero(String countQuery, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        long count;
        while ((count = LedgerInvariants.count(countQuery)) > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(count).as("%s after %s", countQuery, within).isZero();
    }

    private record Received(JsonNode envelope, String routingKey, String messageId, Integer deliveryMode) {
    }

    /** Waits for {@code count} events about the given aggregates (others on the queue are skipped). */
    private List<Received> receive(int count, Duration within, Set<String> aggregates) throws Exception {
        var received = new ArrayList<Received>();
        Instant deadline = Instant.now().plus(within);
        while (received.size() < count && Instant.now().isBefore(deadline)) {
            GetResponse response = channel.basicGet(queue, true);
            if (response == null) {
                Thread.sleep(50);
                continue;
            }
            JsonNode envelope = JSON.readTree(response.getBody());
            if (aggregates.contains(envelope.get("aggregateId").asText())) {
                received.add(new Received(envelope, response.getEnvelope().getRoutingKey(),
                        response.getProps().getMessageId(), response.getProps().getDeliveryMode()));
            }
        }
        assertThat(received).as("events received within %s", within).hasSize(count);
        return received;
    }
}
