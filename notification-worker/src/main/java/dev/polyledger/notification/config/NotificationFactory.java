package dev.polyledger.notification.config;

import dev.polyledger.notification.application.port.out.IdGenerator;
import dev.polyledger.notification.application.port.out.Jitter;
import dev.polyledger.notification.application.service.DispatchSettings;
import dev.polyledger.notification.application.service.DispatchStarter;
import dev.polyledger.notification.application.service.SecretRotation;
import dev.polyledger.notification.domain.RetrySchedule;
import dev.polyledger.notification.domain.UrlPolicy;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Wires the application's plain-Java needs to the configuration ({@link NotificationProperties}). */
@Factory
class NotificationFactory {
    private static final String RETRY_SCHEDULE = "notification.retry.schedule";

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Webhook secrets. */
    @Singleton
    SecureRandom secureRandom() {
        return new SecureRandom();
    }

    /** Random (version 4) UUIDs. */
    @Singleton
    IdGenerator idGenerator() {
        return UUID::randomUUID;
    }

    /** One daemon thread that starts new deliveries' attempts, so the consumers only store and acknowledge. */
    @Singleton
    DispatchStarter dispatchStarter() {
        var executor = java.util.concurrent.Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "webhook-dispatch");
            thread.setDaemon(true);
            return thread;
        });
        return executor::execute;
    }

    @Singleton
    Jitter jitter() {
        return () -> ThreadLocalRandom.current().nextDouble();
    }

    @Singleton
    UrlPolicy urlPolicy(NotificationProperties properties) {
        return new UrlPolicy(properties.allowPrivateUrls(), InetAddress::getAllByName);
    }

    /** Created at start: a negative overlap stops it. */
    @Context
    @Singleton
    SecretRotation secretRotation(NotificationProperties properties) {
        return new SecretRotation(properties.secretRotation().overlap());
    }

    /**
     * Created at start, so that a bad retry schedule stops it. Micronaut leaves out of a {@code List<Duration>} the
     * items that are not durations ({@code 5s,soon} binds as {@code [5s]}); a schedule that lost items is refused
     * here rather than run shorter than configured.
     *
     * @throws IllegalArgumentException naming the setting when an item is not a duration, or a delay is not > 0
     */
    @Context
    @Singleton
    DispatchSettings dispatchSettings(NotificationProperties properties, Environment environment) {
        List<Duration> delays = properties.retry().schedule();
        String given = environment.getProperty(RETRY_SCHEDULE, String.class).orElse("");
        long items = Arrays.stream(given.split(",")).filter(item -> !item.isBlank()).count();
        if (items != delays.size()) {
            throw new IllegalArgumentException(RETRY_SCHEDULE + " (NOTIFICATION_RETRY_SCHEDULE) must be durations "
                    + "such as 100ms, 5s, 5m, 2h or 1d, separated by commas; '" + given + "' holds "
                    + (items - delays.size()) + " that are not");
        }
        var delivery = properties.delivery();
        return new DispatchSettings(new RetrySchedule(delays), delivery.timeout(),
                delivery.maxInFlightPerSubscription(), delivery.maxInFlight());
    }
}
