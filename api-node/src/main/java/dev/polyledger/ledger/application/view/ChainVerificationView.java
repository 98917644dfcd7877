package dev.polyledger.ledger.application.view;

import jakarta.annotation.Nullable;

/**
 * GET /api/v1/accounts/{id}/verification: {@code {"accountId", "valid", "entries", "headHash",
 * "firstBrokenVersion": null | n}} (api-contract.md, "Integrity: the hash chain").
 */
public record ChainVerificationView(String accountId, boolean valid, long entries, String headHash,
                                    @Nullable Long firstBrokenVersion) {
}
