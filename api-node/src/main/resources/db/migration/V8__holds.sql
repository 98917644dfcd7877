-- Holds (api-contract.md, "Holds: two-phase transfers"): money reserved on a source account now, moved later by
-- HOLD_POST transfers, or released when voided or expired. The database refuses, independent of the Java checks:
--   * a held amount below zero, or an available balance (balance - held_amount) below zero on an account
--     that does not allow a negative balance                                (account_held_covered_by_balance)
--   * a closed account that still holds money                              (account_closed_holds_nothing)
--   * a hold posted beyond its amount                                      (hold_posted_within_amount)
--   * a hold or a HOLD_POST transfer across tenants or currencies          (composite foreign keys)
--   * a HOLD_POST transfer without its hold, or another kind with one      (transfer_hold_post_names_hold)
-- held_amount is changed in the transaction that changes the hold, and bumps the account's version, so that
-- balance, held_amount and their difference are always read at one version.

ALTER TABLE account ADD COLUMN held_amount bigint NOT NULL DEFAULT 0;
ALTER TABLE account
    ADD CONSTRAINT account_held_not_negative CHECK (held_amount >= 0),
    ADD CONSTRAINT account_held_covered_by_balance CHECK (allow_negative_balance OR balance - held_amount >= 0),
    ADD CONSTRAINT account_closed_holds_nothing CHECK (status <> 'CLOSED' OR held_amount = 0);

CREATE TABLE hold (
    tenant_id              text        NOT NULL,
    id                     uuid        NOT NULL,
    source_account_id      uuid        NOT NULL,
    destination_account_id uuid        NOT NULL,
    amount                 bigint      NOT NULL CHECK (amount > 0),
    posted_amount          bigint      NOT NULL DEFAULT 0,
    currency               char(3)     NOT NULL,
    status                 text        NOT NULL CHECK (status IN ('PENDING', 'POSTED', 'VOIDED', 'EXPIRED')),
    reference              text,
    metadata               jsonb       NOT NULL DEFAULT '{}'::jsonb,
    request_id             text,
    expires_at             timestamptz NOT NULL,
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL,
    version                bigint      NOT NULL CHECK (version >= 1),
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT hold_id_unique UNIQUE (id),
    CONSTRAINT hold_tenant_id_currency UNIQUE (tenant_id, id, currency),
    CONSTRAINT hold_posted_within_amount CHECK (posted_amount >= 0 AND posted_amount <= amount),
    CONSTRAINT hold_accounts_differ CHECK (source_account_id <> destination_account_id),
    CONSTRAINT hold_source_tenant_currency
        FOREIGN KEY (tenant_id, source_account_id, currency) REFERENCES account (tenant_id, id, currency),
    CONSTRAINT hold_destination_tenant_currency
        FOREIGN KEY (tenant_id, destination_account_id, currency) REFERENCES account (tenant_id, id, currency)
);
-- GET /accounts/{id}/holds, newest first.
CREATE INDEX hold_by_source ON hold (tenant_id, source_account_id, created_at DESC, id DESC);
-- The expiry sweeper reads only pending holds, soonest expiry first.
CREATE INDEX hold_pending_expiry ON hold (expires_at) WHERE status = 'PENDING';

-- A HOLD_POST transfer names its hold, in its tenant and currency. Changing a CHECK and adding a nullable column
-- rewrites no row, so the immutability trigger on transfer does not fire.
ALTER TABLE transfer DROP CONSTRAINT transfer_kind_check;
ALTER TABLE transfer ADD CONSTRAINT transfer_kind_check CHECK (kind IN ('TRANSFER', 'CREDIT', 'DEBIT', 'HOLD_POST'));
ALTER TABLE transfer ADD COLUMN hold_id uuid;
ALTER TABLE transfer
    ADD CONSTRAINT transfer_hold_post_names_hold CHECK ((kind = 'HOLD_POST') = (hold_id IS NOT NULL)),
    ADD CONSTRAINT transfer_hold_tenant_currency
        FOREIGN KEY (tenant_id, hold_id, currency) REFERENCES hold (tenant_id, id, currency);
CREATE INDEX transfer_by_hold ON transfer (hold_id, created_at) WHERE hold_id IS NOT NULL;
