package dev.polyledger.platform.testing;

/**
 * Envelopes of {@link Events} published by a tenant: the same JSON with {@code tenantId} and {@code actor} (the API
 * key id) in front, as the api-node publishes them since tenants exist.
 */
public final class TenantEvents {
    private TenantEvents() {
    }

    /** The envelope JSON with {@code "tenantId"} and, unless null, {@code "actor"} added. */
    public static String of(String tenantId, String actor, String envelopeJson) {
        int brace = envelopeJson.indexOf('{');
        String fields = "\"tenantId\":\"" + tenantId + "\"," + (actor == null ? "" : "\"actor\":\"" + actor + "\",");
        return envelopeJson.substring(0, brace + 1) + fields + envelopeJson.substring(brace + 1);
    }
}
