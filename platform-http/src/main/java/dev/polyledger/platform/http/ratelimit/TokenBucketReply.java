package dev.polyledger.platform.http.ratelimit;

/**
 * What the token-bucket script answers, and how it maps to a {@link RateLimitDecision}. Durations come from Redis in
 * microseconds and are rounded up to whole seconds, so that a client that waits the advertised time finds the token.
 *
 * @param allowed           whether the request took a token
 * @param remaining         whole tokens left after this request
 * @param microsToOneToken  microseconds until at least one whole token is in the bucket (0 if one is there already)
 * @param microsToFull      microseconds until the bucket holds {@code burst} tokens again
 */
record TokenBucketReply(boolean allowed, long remaining, long microsToOneToken, long microsToFull) {

    RateLimitDecision decision() {
        long reset = ceilSeconds(microsToFull);
        if (allowed) {
            return new RateLimitDecision.Allowed(Math.max(0, remaining), reset);
        }
        return new RateLimitDecision.Limited(Math.max(1, ceilSeconds(microsToOneToken)), reset);
    }

    static long ceilSeconds(long micros) {
        if (micros <= 0) {
            return 0;
        }
        return (micros + 999_999) / 1_000_000;
    }
}
