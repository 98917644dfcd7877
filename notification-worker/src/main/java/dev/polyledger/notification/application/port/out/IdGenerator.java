package dev.polyledger.notification.application.port.out;

import java.util.UUID;

/** The one source of new ids (subscriptions). */
public interface IdGenerator {
    UUID next();
}
