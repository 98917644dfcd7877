package dev.polyledger.ledger.domain;

/**
 * The first answer to a request made under an idempotency key, kept to be replayed byte for byte (IETF
 * draft-ietf-httpapi-idempotency-key-header, section 2.6). The ledger keeps it as a value, not as a protocol
 * message: whether the command was done or refused, and the document that the adapter which received the request
 * rendered for it. The adapter turns it back into its own protocol (the web adapter: the status of the endpoint
 * for a done command, the status of the refusal's code otherwise).
 *
 * @param refusal  the stable code of the refusal ({@link LedgerRejection} name, or {@code BATCH_REJECTED}); null
 *                 when the command was done
 * @param document the rendered answer (JSON), replayed as it is
 */
public record RecordedAnswer(String refusal, String document) {
    public RecordedAnswer {
        java.util.Objects.requireNonNull(document, "document");
    }

    /** The answer of a command that was done. */
    public static RecordedAnswer done(String document) {
        return new RecordedAnswer(null, document);
    }

    /** The answer of a command refused with {@code code}. */
    public static RecordedAnswer refused(String code, String document) {
        return new RecordedAnswer(java.util.Objects.requireNonNull(code, "code"), document);
    }

    /** Whether the command was refused (nothing of it was written). */
    public boolean isRefusal() {
        return refusal != null;
    }
}
