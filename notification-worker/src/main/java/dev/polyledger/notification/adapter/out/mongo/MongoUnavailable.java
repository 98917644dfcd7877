package dev.polyledger.notification.adapter.out.mongo;

import dev.polyledger.platform.http.UnavailableDependency;
import dev.polyledger.platform.mongo.MongoOutage;
import jakarta.inject.Singleton;

/** MongoDB out of reach (the platform's {@link MongoOutage}) → 503 with Retry-After. */
@Singleton
class MongoUnavailable implements UnavailableDependency {
    @Override
    public boolean isUnavailable(Throwable failure) {
        return MongoOutage.isOutage(failure);
    }

    @Override
    public String name() {
        return "the notification database (MongoDB)";
    }
}
