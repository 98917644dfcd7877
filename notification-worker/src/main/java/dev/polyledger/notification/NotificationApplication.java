package dev.polyledger.notification;

import io.micronaut.runtime.Micronaut;

/**
 * Entry point of the notification-worker: consumes the {@code notifications} queue into a persisted delivery schedule
 * (MongoDB), delivers signed webhooks, and serves {@code /api/v1/webhooks} (port {@code NOTIFICATION_PORT}, default
 * 8091). Configuration: {@code application.yml}.
 */
public final class NotificationApplication {
    private NotificationApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args)
                .mainClass(NotificationApplication.class)
                .banner(false)
                .start();
    }
}
