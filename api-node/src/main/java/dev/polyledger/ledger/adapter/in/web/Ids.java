package dev.polyledger.ledger.adapter.in.web;

import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.TransferId;
import dev.polyledger.ledger.domain.ValidationException;
import dev.polyledger.events.Uuids;
import java.util.UUID;

/** Parses ids ({@link Uuids}: 36 characters) from paths (an id that is not a UUID names nothing: 404) and from bodies (400). */
final class Ids {
    private Ids() {
    }

    /** @throws ApiException 404 ACCOUNT_NOT_FOUND when the path segment is not a UUID */
    static AccountId accountInPath(String text) {
        return Uuids.parse(text).map(AccountId::new)
                .orElseThrow(() -> ErrorCode.ACCOUNT_NOT_FOUND.exception("account " + text + " does not exist"));
    }

    /** @throws ApiException 404 TRANSFER_NOT_FOUND when the path segment is not a UUID */
    static TransferId transferInPath(String text) {
        return Uuids.parse(text).map(TransferId::new)
                .orElseThrow(() -> ErrorCode.TRANSFER_NOT_FOUND.exception("transfer " + text + " does not exist"));
    }

    /** @throws ApiException 404 BATCH_NOT_FOUND when the path segment is not a UUID */
    static UUID batchInPath(String text) {
        return Uuids.parse(text)
                .orElseThrow(() -> ErrorCode.BATCH_NOT_FOUND.exception("batch " + text + " does not exist"));
    }

    /** @return null when absent; @throws ValidationException when present but not a UUID */
    static AccountId accountInBody(String field, String text) {
        if (text == null) {
            return null;
        }
        return Uuids.parse(text).map(AccountId::new)
                .orElseThrow(() -> new ValidationException(field, field + " must be an account id (a UUID)"));
    }
}
