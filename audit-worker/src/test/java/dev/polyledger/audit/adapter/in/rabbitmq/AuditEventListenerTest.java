package dev.polyledger.audit.adapter.in.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditEventListenerTest {

    @Test
    void readsTheDeliveryCountWhateverItsNumberType() {
        var integerCount = new AMQP.BasicProperties.Builder()
                .headers(Map.of(AuditEventListener.DELIVERY_COUNT, 2)).build();
        var longCount = new AMQP.BasicProperties.Builder()
                .headers(Map.of(AuditEventListener.DELIVERY_COUNT, 3L)).build();

        assertThat(AuditEventListener.earlierDeliveries(integerCount)).isEqualTo(2);
        assertThat(AuditEventListener.earlierDeliveries(longCount)).isEqualTo(3);
        assertThat(AuditEventListener.earlierDeliveries(new AMQP.BasicProperties())).isZero();
        assertThat(AuditEventListener.earlierDeliveries(null)).isZero();
    }
}
