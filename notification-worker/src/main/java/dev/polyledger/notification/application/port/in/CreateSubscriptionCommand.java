package dev.polyledger.notification.application.service;

import dev.polyledger.notification.domain.InvalidSubscriptionException;
import dev.polyledger.notification.domain.Subscription;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code POST /api/v1/webhooks}: checks itself except for the URL's addresses ({@code UrlPolicy}, in the service).
 *
 * @param tenantId       the caller's tenant: owner of the subscription and scope of the idempotency key
 * @param idempotencyKey the client's key, unique within the tenant
 * @throws InvalidSubscriptionException naming the field at fault
 */
public record CreateSubscriptionCommand(String tenantId, String idempotencyKey, String url, List<String> eventTypes,
                                        String description) {
    public CreateSubscriptionCommand {
        java.util.Objects.requireNonNull(tenantId, "tenantId");
        java.util.Objects.requireNonNull(idempotencyKey, "idempotencyKey");
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
