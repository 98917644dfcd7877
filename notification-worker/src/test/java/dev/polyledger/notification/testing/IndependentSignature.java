package dev.polyledger.notification.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Standard Webhooks signature computed here with the JDK alone, independently of the worker's code, to check the
 * {@code webhook-signature} a receiver got (Standard Webhooks, "Verifying webhook authenticity"): {@code v1,} + the
 * base64 HMAC-SHA256, keyed by the base64 after {@code whsec_}, of {@code id.timestamp.body}.
 */
public final class IndependentSignature {
    private IndependentSignature() {
    }

    public static String of(String secret, String id, String timestamp, String body) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(
                mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }
}
