package dev.polyledger.platform.mongo;

import com.rabbitmq.client.Connection;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.rabbitmq.health.RabbitMQHealthIndicator;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code rabbitmq} in the workers' {@code /health}: {@code UP} when every broker connection is open, {@code DOWN}
 * otherwise, with the number of connections open and a plain message.
 *
 * <p>It replaces micronaut-rabbitmq's indicator, which shows the broker's server properties (product, version,
 * Erlang/OTP platform, cluster name) and, when a connection is closed, an exception class name: facts for an
 * attacker, not for an operator reading a public {@code /health}. It lives here because both MongoDB-backed
 * workers consume from RabbitMQ through micronaut-rabbitmq (the api-node uses the RabbitMQ client directly).
 */
@Singleton
@Replaces(RabbitMQHealthIndicator.class)
public class BrokerHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final List<Connection> connections;

    BrokerHealthIndicator(List<Connection> connections) {
        this.connections = connections;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        long open = connections.stream().filter(Connection::isOpen).count();
        boolean up = !connections.isEmpty() && open == connections.size();
        healthStatus = up ? HealthStatus.UP : HealthStatus.DOWN;
        var details = new LinkedHashMap<String, Object>();
        details.put("connections", connections.size());
        details.put("open", open);
        if (!up) {
            details.put("error", "a connection to the broker is not open");
        }
        return details;
    }

    @Override
    protected String getName() {
        return "rabbitmq";
    }
}
