package dev.polyledger.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class UnavailableDependencyTest {

    @Test
    void findsTheTypeAmongTheCauses() {
        var failure = new IllegalStateException("store call failed",
                new UncheckedIOException(new ConnectException("refused")));

        assertThat(UnavailableDependency.causedBy(failure, ConnectException.class)).isTrue();
        assertThat(UnavailableDependency.causedBy(failure, IllegalStateException.class)).isTrue();
    }

    @Test
    void answersNoWhenNoCauseIsOfTheType() {
        assertThat(UnavailableDependency.causedBy(new IllegalStateException("bug"), ConnectException.class)).isFalse();
        assertThat(UnavailableDependency.causedBy(null, ConnectException.class)).isFalse();
    }
}
