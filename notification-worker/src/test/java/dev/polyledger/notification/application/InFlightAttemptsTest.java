package dev.polyledger.notification.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyledger.notification.application.service.InFlightAttempts;
import org.junit.jupiter.api.Test;

class InFlightAttemptsTest {

    @Test
    void aSubscriptionIsSaturatedAtItsLimitAndFreedByAFinishedAttempt() {
        var inFlight = new InFlightAttempts(10, 2);
        inFlight.started("wh_1");
        inFlight.started("wh_1");
        inFlight.started("wh_2");

        assertThat(inFlight.hasRoomFor("wh_1")).isFalse();
        assertThat(inFlight.hasRoomFor("wh_2")).isTrue();

        inFlight.finished("wh_1");
        assertThat(inFlight.hasRoomFor("wh_1")).isTrue();
    }

    @Test
    void hasNoRoomOnceTheTotalLimitIsReached() {
        var inFlight = new InFlightAttempts(2, 2);
        inFlight.started("wh_1");
        assertThat(inFlight.hasRoom()).isTrue();

        inFlight.started("wh_2");
        assertThat(inFlight.hasRoom()).isFalse();

        inFlight.finished("wh_2");
        assertThat(inFlight.hasRoom()).isTrue();
    }

    @Test
    void refusesLimitsBelowOne() {
        assertThatThrownBy(() -> new InFlightAttempts(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InFlightAttempts(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
