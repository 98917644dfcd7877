package dev.polyledger.platform.mongo;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;

/**
 * The one answer of the platform to "is MongoDB unavailable?": a failure (or one of its causes) that says the server
 * could not be reached or did not answer in time, so that nothing can be known to be written and retrying later may
 * succeed. A service answers it with {@code 503 SERVICE_UNAVAILABLE} and {@code Retry-After}; a consumer requeues.
 * Everything else (a refused document, a bad query) is not an outage.
 *
 * <p>The outages, as the MongoDB Java driver (4.x, 5.x) reports them: no server selected in time
 * ({@link MongoTimeoutException}), a broken or refused socket ({@link MongoSocketException}, its read and open
 * timeouts included), a connection pool cleared after a network error ({@link MongoConnectionPoolClearedException}),
 * {@code maxTimeMS} exceeded ({@link MongoExecutionTimeoutException}), a failover in progress
 * ({@link MongoNotPrimaryException}, {@link MongoNodeIsRecoveringException}), a write whose write concern was not
 * confirmed ({@link MongoWriteConcernException}) and a thread interrupted while waiting
 * ({@link MongoInterruptedException}).
 */
public final class MongoOutage {
    private MongoOutage() {
    }

    /** Whether {@code failure} or one of its causes is an outage of MongoDB. */
    public static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MongoTimeoutException
                    || t instanceof MongoSocketException
                    || t instanceof MongoConnectionPoolClearedException
                    || t instanceof MongoExecutionTimeoutException
                    || t instanceof MongoNotPrimaryException
                    || t instanceof MongoNodeIsRecoveringException
                    || t instanceof MongoWriteConcernException
                    || t instanceof MongoInterruptedException) {
                return true;
            }
        }
        return false;
    }
}
