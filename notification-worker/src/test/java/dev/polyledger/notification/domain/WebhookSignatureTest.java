package dev.polyledger.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void signsTheStandardWebhooksExampleVector() {
        // The example of the Standard Webhooks spec and Svix docs; also computed with Python's hmac.
        String signature = WebhookSignature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}");
        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void agreesWithAnIndependentHmacOverIdTimestampAndBody() throws Exception {
        String secret = WebhookSignature.newSecret(new SecureRandom());
        String body = "{\"eventId\":\"e\",\"data\":{\"amount\":\"25.00\",\"note\":\"caf\u00e9\"}}";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
        String expected = "v1," + Base64.getEncoder().encodeToString(
                mac.doFinal(("evt-1.1700000000." + body).getBytes(StandardCharsets.UTF_8)));
        assertThat(WebhookSignature.sign(secret, "evt-1", 1700000000L, body)).isEqualTo(expected);
    }

    @Test
    void newSecretsAreWhsecAndThirtyTwoRandomBytes() {
        String a = WebhookSignature.newSecret(new SecureRandom());
        String b = WebhookSignature.newSecret(new SecureRandom());
        assertThat(a).startsWith("whsec_").isNotEqualTo(b);
        assertThat(Base64.getDecoder().decode(a.substring(6))).hasSize(32);
    }

    @Test
    void refusesASecretWithoutThePrefix() {
        assertThatThrownBy(() -> WebhookSignature.sign("abc", "id", 1, "{}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signsWithEverySecretSpaceSeparatedInTheOrderGiven() {
        String current = WebhookSignature.newSecret(new SecureRandom());
        String previous = WebhookSignature.newSecret(new SecureRandom());

        String header = WebhookSignature.signAll(java.util.List.of(current, previous), "evt-1", 1700000000L, "{}");

        assertThat(header.split(" ")).containsExactly(WebhookSignature.sign(current, "evt-1", 1700000000L, "{}"),
                WebhookSignature.sign(previous, "evt-1", 1700000000L, "{}"));
    }

    @Test
    void oneSecretMakesOneSignature() {
        String secret = WebhookSignature.newSecret(new SecureRandom());

        assertThat(WebhookSignature.signAll(java.util.List.of(secret), "e", 1, "{}"))
                .isEqualTo(WebhookSignature.sign(secret, "e", 1, "{}")).doesNotContain(" ");
    }

    @Test
    void refusesToSignWithNoSecret() {
        assertThatThrownBy(() -> WebhookSignature.signAll(java.util.List.of(), "e", 1, "{}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
