package dev.polyledger.notification.adapter.out.mongo;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import dev.polyledger.platform.http.UnavailableDependency;
import jakarta.inject.Singleton;

/** MongoDB out of reach (server selection timed out, socket failed) → 503 with Retry-After. */
@Singleton
class MongoUnavailable implements UnavailableDependency {
    @Override
    public boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MongoTimeoutException || t instanceof MongoSocketException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String name() {
        return "the notification database (MongoDB)";
    }
}
