package dev.polyledger.notification.application.port.in;

import dev.polyledger.notification.domain.InvalidSubscriptionException;
import dev.polyledger.notification.domain.Subscription;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A request to create a webhook subscription. It checks itself on construction, except for the URL's addresses,
 * which need DNS and the configured policy ({@code UrlPolicy}, applied once by the service).
 *
 * @param tenantId       the caller's tenant: owner of the subscription and scope of the idempotency key
 * @param idempotencyKey the client's key, unique within the tenant
 * @param url            the endpoint as sent; not null
 * @param eventTypes     routing keys or {@code "*"}: at least one, each known; duplicates are dropped
 * @param description    free text of at most {@value Subscription#MAX_DESCRIPTION} characters, or null
 * @throws InvalidSubscriptionException naming the field at fault
 */
public record CreateSubscriptionCommand(String tenantId, String idempotencyKey, String url, List<String> eventTypes,
                                        String description) {
    public CreateSubscriptionCommand {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (url == null) {
            throw new InvalidSubscriptionException("url", "url is required (a string)");
        }
        eventTypes = Subscription.checkEventTypes(eventTypes);
        if (description != null && description.length() > Subscription.MAX_DESCRIPTION) {
            throw new InvalidSubscriptionException("description",
                    "description must be at most " + Subscription.MAX_DESCRIPTION + " characters");
        }
    }

    /** SHA-256 of the request's fields: equal for the same request, whatever the JSON formatting. */
    public String fingerprint() {
        String canonical = url + "\n" + String.join(",", eventTypes) + "\n" + (description == null ? "\u0000" : description);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
