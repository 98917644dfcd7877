package dev.polyledger.platform.testing;

import java.time.Instant;
import java.util.UUID;

/** Envelopes as the api-node publishes them (api-contract.md, "Events"), as JSON text. */
public final class Events {
    private Events() {
    }

    /** The {@code eventId} of an envelope written by this class (the first {@code "eventId":"…"} in it). */
    public static String eventIdOf(String envelopeJson) {
        int start = envelopeJson.indexOf("\"eventId\":\"") + "\"eventId\":\"".length();
        return envelopeJson.substring(start, start + 36);
    }

    /** A {@code transfer.posted} of 25.00 USD from source to destination, with balances after. */
    public static String transferPosted(UUID eventId, UUID transferId, UUID source, UUID destination, Instant occurredAt) {
        return """
                {"eventId":"%s","type":"transfer.posted","occurredAt":"%s","aggregateId":"%s","sequence":1,
                 "requestId":"req-%s","source":"api-node-2",
                 "data":{"id":"%s","kind":"TRANSFER","status":"POSTED","sourceAccountId":"%s","destinationAccountId":"%s",
                   "amount":"25.00","currency":"USD","reference":"order-991","createdAt":"%s",
                   "metadata":{"order.id":"991","$channel":"web"},
                   "entries":[{"accountId":"%s","direction":"DEBIT","amount":"25.00","balanceAfter":"75.50"},
                              {"accountId":"%s","direction":"CREDIT","amount":"25.00","balanceAfter":"25.00"}]}}
                """.formatted(eventId, occurredAt, transferId, eventId, transferId, source, destination, occurredAt,
                source, destination);
    }

    /** An {@code account.*} event of a USD account at the given version. */
    public static String accountEvent(String type, UUID eventId, UUID accountId, long sequence, String status,
                                      Instant occurredAt) {
        return """
                {"eventId":"%s","type":"%s","occurredAt":"%s","aggregateId":"%s","sequence":%d,
                 "requestId":"req-%s","source":"api-node-1",
                 "data":{"id":"%s","currency":"USD","type":"USER","ownerId":"cust_42","status":"%s","balance":"0.00",
                   "allowNegativeBalance":false,"version":%d,"createdAt":"%s","updatedAt":"%s","metadata":{}}}
                """.formatted(eventId, type, occurredAt, accountId, sequence, eventId, accountId, status, sequence - 1,
                occurredAt, occurredAt);
    }
}
