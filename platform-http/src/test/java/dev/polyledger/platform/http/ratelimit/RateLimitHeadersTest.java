package dev.polyledger.platform.http.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {

    private static final RateLimitPolicy POLICY = new RateLimitPolicy(500, 1000);

    @Test
    void anAdmittedRequestCarriesThePolicyAndWhatIsLeft() {
        MutableHttpResponse<?> response = HttpResponse.ok();

        RateLimitHeaders.apply(response, POLICY, new RateLimitDecision.Allowed(998, 1));

        assertThat(response.getHeaders().get("RateLimit-Policy")).isEqualTo("\"default\";q=1000;w=2");
        assertThat(response.getHeaders().get("RateLimit")).isEqualTo("\"default\";r=998;t=1");
        assertThat(response.getHeaders().contains("Retry-After")).isFalse();
    }

    @Test
    void aLimitedRequestCarriesRetryAfterAndAnEffectiveWindowThatEndsNoLater() {
        MutableHttpResponse<?> response = HttpResponse.status(io.micronaut.http.HttpStatus.TOO_MANY_REQUESTS);

        RateLimitHeaders.apply(response, POLICY, new RateLimitDecision.Limited(1, 2));

        assertThat(response.getHeaders().get("Retry-After")).isEqualTo("1");
        assertThat(response.getHeaders().get("RateLimit")).isEqualTo("\"default\";r=0;t=1");
        assertThat(response.getHeaders().get("RateLimit-Policy")).isEqualTo("\"default\";q=1000;w=2");
    }

    @Test
    void anUncheckedRequestCarriesThePolicyButNoClaimAboutWhatIsLeft() {
        MutableHttpResponse<?> response = HttpResponse.ok();

        RateLimitHeaders.apply(response, new RateLimitPolicy(1, 5), new RateLimitDecision.Unchecked());

        assertThat(response.getHeaders().get("RateLimit-Policy")).isEqualTo("\"default\";q=5;w=5");
        assertThat(response.getHeaders().contains("RateLimit")).isFalse();
        assertThat(response.getHeaders().contains("Retry-After")).isFalse();
    }

    @Test
    void applyingTwiceReplacesRatherThanRepeatsTheHeaders() {
        MutableHttpResponse<?> response = HttpResponse.ok();

        RateLimitHeaders.apply(response, POLICY, new RateLimitDecision.Allowed(5, 1));
        RateLimitHeaders.apply(response, POLICY, new RateLimitDecision.Allowed(4, 1));

        assertThat(response.getHeaders().getAll("RateLimit")).containsExactly("\"default\";r=4;t=1");
        assertThat(response.getHeaders().getAll("RateLimit-Policy")).hasSize(1);
    }
}
