package dev.polyledger.notification.config;

import dev.polyledger.notification.application.service.DispatchSettings;
import dev.polyledger.notification.application.service.SecretRotation;
import dev.polyledger.notification.domain.RetrySchedule;
import dev.polyledger.notification.domain.UrlPolicy;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/** Wires the application's plain-Java needs to the configuration ({@code application.yml}). */
@Factory
class NotificationFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Webhook secrets. */
    @Singleton
    SecureRandom secureRandom() {
        return new SecureRandom();
    }

    /** {@code notification.allow-private-urls} (env NOTIFICATION_ALLOW_PRIVATE_URLS, default false). */
    @Singleton
    UrlPolicy urlPolicy(@Value("${notification.allow-private-urls:false}") boolean allowPrivate) {
        return new UrlPolicy(allowPrivate, InetAddress::getAllByName);
    }

    /** {@code notification.secret-rotation.overlap} (env NOTIFICATION_SECRET_OVERLAP, default 24h). */
    @Singleton
    SecretRotation secretRotation(@Value("${notification.secret-rotation.overlap:24h}") Duration overlap) {
        return new SecretRotation(overlap);
    }

    @Singleton
    DispatchSettings dispatchSettings(
            @Value("${notification.retry.schedule:" + RetrySchedule.DEFAULT + "}") String schedule,
            @Value("${notification.delivery.timeout:5s}") Duration timeout,
            @Value("${notification.delivery.max-in-flight-per-subscription:4}") int perSubscription,
            @Value("${notification.delivery.max-in-flight:64}") int total,
            @Value("${notification.delivery.lease:30s}") Duration lease) {
        return new DispatchSettings(RetrySchedule.parse(schedule), timeout, perSubscription, total, lease);
    }
}
