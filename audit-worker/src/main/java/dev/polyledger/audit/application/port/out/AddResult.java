package dev.polyledger.audit.application.port.out;

/** What the store did with one snapshot of a batch handed to {@link AuditRecords#addAll}. */
public sealed interface AddResult {

    /** Written now. */
    record Added() implements AddResult {
    }

    /** A snapshot with this event id was there already (written before, or earlier in the batch); left unchanged. */
    record AlreadyPresent() implements AddResult {
    }

    /**
     * Refused for its content (too large, a field name the store does not accept…): retrying is useless.
     *
     * @param reason the store's words, for the log and the dead-letter decision
     */
    record Refused(String reason) implements AddResult {
    }
}
