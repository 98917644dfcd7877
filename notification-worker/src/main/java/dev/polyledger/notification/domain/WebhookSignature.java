package dev.polyledger.notification.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signing per the Standard Webhooks spec (https://www.standardwebhooks.com, "Signature scheme"): the signed content is
 * {@code "{webhook-id}.{webhook-timestamp}.{body}"}, the signature is {@code v1,<base64 HMAC-SHA256>} and the key is the
 * base64-decoded part of the secret after {@value #SECRET_PREFIX}.
 *
 * <p>Plain JDK {@link Mac}: the {@code com.standardwebhooks:standardwebhooks:1.0.0} artifact on Maven Central holds no
 * classes.
 */
public final class WebhookSignature {
    public static final String SECRET_PREFIX = "whsec_";
    private static final int SECRET_BYTES = 32;

    private WebhookSignature() {
    }

    /** A new secret: {@value #SECRET_PREFIX} + base64 of 32 random bytes. */
    public static String newSecret(SecureRandom random) {
        byte[] key = new byte[SECRET_BYTES];
        random.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /**
     * The {@code webhook-signature} header value.
     *
     * @param secret           {@code whsec_<base64 key>}
     * @param webhookId        the {@code webhook-id} (the event id; stable across retries)
     * @param timestampSeconds the {@code webhook-timestamp}, epoch seconds of this attempt
     * @param body             the exact request body
     * @throws IllegalArgumentException when the secret is not {@code whsec_} + base64
     */
    public static String sign(String secret, String webhookId, long timestampSeconds, String body) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("secret must start with " + SECRET_PREFIX);
        }
        byte[] key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        String content = webhookId + "." + timestampSeconds + "." + body;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /**
     * The {@code webhook-signature} header value signed with each secret, space-separated in the order given
     * (Standard Webhooks: "the signature header may contain multiple signatures, delimited by spaces"; a receiver
     * accepts the message when any of them verifies with its secret).
     *
     * @param secrets at least one {@code whsec_…}
     * @throws IllegalArgumentException when there is none, or one is not {@code whsec_} + base64
     */
    public static String signAll(List<String> secrets, String webhookId, long timestampSeconds, String body) {
        if (secrets == null || secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one secret is needed");
        }
        List<String> signatures = new ArrayList<>(secrets.size());
        for (String secret : secrets) {
            signatures.add(sign(secret, webhookId, timestampSeconds, body));
        }
        return String.join(" ", signatures);
    }
}
