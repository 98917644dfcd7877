package dev.polyledger.platform.http.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketReplyTest {

    @Test
    void anAdmittedRequestReportsTheWholeTokensLeftAndTheSecondsUntilFullRoundedUp() {
        var decision = new TokenBucketReply(true, 7, 0, 1_200_000).decision();

        assertThat(decision).isEqualTo(new RateLimitDecision.Allowed(7, 2));
    }

    @Test
    void aFullBucketResetsInZeroSeconds() {
        assertThat(new TokenBucketReply(true, 9, 0, 0).decision()).isEqualTo(new RateLimitDecision.Allowed(9, 0));
    }

    @Test
    void aRefusedRequestRetriesWhenOneTokenIsBackRoundedUp() {
        var decision = new TokenBucketReply(false, 0, 2_000_001, 10_000_000).decision();

        assertThat(decision).isEqualTo(new RateLimitDecision.Limited(3, 10));
    }

    @Test
    void aRefusedRequestNeverSaysRetryAfterZero() {
        var decision = new TokenBucketReply(false, 0, 1, 1).decision();

        assertThat(decision).isEqualTo(new RateLimitDecision.Limited(1, 1));
    }

    @Test
    void secondsAreRoundedUpSoAClientThatWaitsFindsItsToken() {
        assertThat(TokenBucketReply.ceilSeconds(0)).isZero();
        assertThat(TokenBucketReply.ceilSeconds(1)).isEqualTo(1);
        assertThat(TokenBucketReply.ceilSeconds(1_000_000)).isEqualTo(1);
        assertThat(TokenBucketReply.ceilSeconds(1_000_001)).isEqualTo(2);
    }
}
