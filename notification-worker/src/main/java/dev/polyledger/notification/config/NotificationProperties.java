package dev.polyledger.notification.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;

/**
 * The {@code notification.*} settings of the worker (application.yml; each overridable by the environment variable
 * named there). Micronaut binds durations ({@code 100ms}, {@code 5s}, {@code 5m}, {@code 2h}, {@code 1d}) and
 * comma-separated lists of them; a value that does not bind or breaks a constraint stops the start, naming the
 * setting. The record is created with the context ({@link Context}), so that happens at start, not at first use.
 *
 * @param allowPrivateUrls whether webhook URLs may point at loopback, private or link-local addresses
 *                         ({@code NOTIFICATION_ALLOW_PRIVATE_URLS}, default false: refused, as a guard against
 *                         server-side request forgery)
 * @param mongodb          the worker's database
 * @param retry            when failed deliveries are tried again
 * @param secretRotation   how long replaced secrets keep signing
 * @param delivery         how attempts are made
 * @param consumer         how the {@code notifications} queue is consumed
 */
@Context
@ConfigurationProperties("notification")
public record NotificationProperties(@Bindable(defaultValue = "false") boolean allowPrivateUrls,
                                     @NotNull Mongodb mongodb, @NotNull Retry retry,
                                     @NotNull Rotation secretRotation, @NotNull Delivery delivery,
                                     @NotNull Consumer consumer) {

    /** @param database the MongoDB database ({@code NOTIFICATION_MONGODB_DATABASE}, default {@code notification}) */
    @ConfigurationProperties("mongodb")
    public record Mongodb(@NotBlank @Bindable(defaultValue = "notification") String database) {
    }

    /**
     * @param schedule the waits between attempts, each > 0 ({@code NOTIFICATION_RETRY_SCHEDULE}, default
     *                 {@code 5s,5m,30m,2h,5h,10h,10h}: eight attempts over about 28 hours); after the last one a
     *                 delivery is dead-lettered
     */
    @ConfigurationProperties("retry")
    public record Retry(@NotNull @Bindable(defaultValue = "5s,5m,30m,2h,5h,10h,10h") List<Duration> schedule) {
    }

    /**
     * @param overlap how long a secret replaced by a rotation keeps signing beside the new one, >= 0
     *                ({@code NOTIFICATION_SECRET_OVERLAP}, default 24h)
     */
    @ConfigurationProperties("secret-rotation")
    public record Rotation(@NotNull @Bindable(defaultValue = "24h") Duration overlap) {
    }

    /**
     * @param timeout                    of one attempt, connection included ({@code NOTIFICATION_DELIVERY_TIMEOUT},
     *                                   default 5s)
     * @param maxInFlightPerSubscription attempts under way to one subscription at most, 1..1000
     *                                   ({@code NOTIFICATION_MAX_IN_FLIGHT_PER_SUBSCRIPTION}, default 4)
     * @param maxInFlight                attempts under way in this worker at most, 1..10000
     *                                   ({@code NOTIFICATION_MAX_IN_FLIGHT}, default 64)
     */
    @ConfigurationProperties("delivery")
    public record Delivery(@NotNull @Bindable(defaultValue = "5s") Duration timeout,
                           @Min(1) @Max(1000) @Bindable(defaultValue = "4") int maxInFlightPerSubscription,
                           @Min(1) @Max(10000) @Bindable(defaultValue = "64") int maxInFlight) {
    }

    /**
     * @param count      consumers of the {@code notifications} queue ({@code NOTIFICATION_CONSUMERS}, default 2; read
     *                   by the listener's annotation, listed here to be checked)
     * @param retryPause how long an event the store could not take waits before it is requeued (default 1s); while
     *                   MongoDB is unavailable, the first pause of a held event, doubled per attempt up to 30 s
     */
    @ConfigurationProperties("consumer")
    public record Consumer(@Min(1) @Max(64) @Bindable(defaultValue = "2") int count,
                           @NotNull @Bindable(defaultValue = "1s") Duration retryPause) {
    }
}
