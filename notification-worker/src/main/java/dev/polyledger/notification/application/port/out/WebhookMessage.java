package dev.polyledger.notification.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One attempt to deliver an event to an endpoint: what the sender turns into a Standard Webhooks request
 * (https://www.standardwebhooks.com).
 *
 * @param url            the subscription's endpoint, as stored (accepted by {@code UrlPolicy} at creation)
 * @param webhookId      the event id: the same on every attempt, so receivers can deduplicate
 * @param attemptedAt    when this attempt is made: its {@code webhook-timestamp} (epoch seconds) and signature time
 * @param body           the event envelope JSON exactly as received; the signature covers it
 * @param signingSecrets {@code whsec_…} secrets signing at {@code attemptedAt}, current first; at least one
 */
public record WebhookMessage(String url, String webhookId, Instant attemptedAt, String body,
                             List<String> signingSecrets) {
    public WebhookMessage {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(attemptedAt, "attemptedAt");
        Objects.requireNonNull(body, "body");
        signingSecrets = List.copyOf(signingSecrets);
        if (signingSecrets.isEmpty()) {
            throw new IllegalArgumentException("at least one signing secret is needed");
        }
    }
}
