package dev.polyledger.ledger.application.port.in;

import dev.polyledger.ledger.domain.AccountId;
import dev.polyledger.ledger.domain.StatusChange;
import java.util.Objects;

/**
 * Freeze, unfreeze or close an account (POST /api/v1/accounts/{id}/freeze|unfreeze|close).
 *
 * @param accountId the account
 * @param action    what to do
 * @param context   tenant, actor and X-Request-Id of the request, carried into the event
 */
public record ChangeAccountStatusCommand(AccountId accountId, StatusChange.Action action, RequestContext context) {
    public ChangeAccountStatusCommand {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(context, "context");
    }
}
