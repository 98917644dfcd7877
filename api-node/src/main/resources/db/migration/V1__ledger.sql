-- The ledger's source of truth. Amounts are integer minor units (bigint); never floating point.
-- The database refuses what must never happen, independent of the Java checks:
--   * a negative balance on an account that does not allow one   (account_balance_allowed)
--   * a closed account with money on it                          (account_closed_is_empty)
--   * an entry with a non-positive amount                         (entry_amount_positive)
--   * an entry in another currency than its account or transfer   (composite foreign keys)
--   * a transfer whose entries do not balance                     (deferred constraint trigger)
--   * changing or deleting posted entries and transfers           (immutability triggers)

CREATE TABLE account (
    id                     uuid        PRIMARY KEY,
    currency               char(3)     NOT NULL,
    type                   text        NOT NULL CHECK (type IN ('USER', 'SYSTEM', 'EXTERNAL')),
    owner_id               text,
    status                 text        NOT NULL CHECK (status IN ('ACTIVE', 'FROZEN', 'CLOSED')),
    balance                bigint      NOT NULL DEFAULT 0,
    allow_negative_balance boolean     NOT NULL,
    -- The world account of a currency: the other side of every credit and debit.
    world                  boolean     NOT NULL DEFAULT false,
    -- Incremented by every change (balance or status); orders the account's entries and events.
    version                bigint      NOT NULL DEFAULT 0,
    metadata               jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL,
    CONSTRAINT account_balance_allowed CHECK (allow_negative_balance OR balance >= 0),
    CONSTRAINT account_closed_is_empty CHECK (status <> 'CLOSED' OR balance = 0),
    CONSTRAINT account_world_is_external CHECK (NOT world OR (type = 'EXTERNAL' AND allow_negative_balance)),
    CONSTRAINT account_id_currency UNIQUE (id, currency)
);
CREATE UNIQUE INDEX account_one_world_per_currency ON account (currency) WHERE world;

CREATE TABLE transfer (
    id                     uuid        PRIMARY KEY,
    kind                   text        NOT NULL CHECK (kind IN ('TRANSFER', 'CREDIT', 'DEBIT')),
    status                 text        NOT NULL CHECK (status IN ('POSTED')),
    source_account_id      uuid        NOT NULL,
    destination_account_id uuid        NOT NULL,
    amount                 bigint      NOT NULL CHECK (amount > 0),
    currency               char(3)     NOT NULL,
    reference              text,
    metadata               jsonb       NOT NULL DEFAULT '{}'::jsonb,
    request_id             text,
    created_at             timestamptz NOT NULL,
    CONSTRAINT transfer_accounts_differ CHECK (source_account_id <> destination_account_id),
    CONSTRAINT transfer_source_currency FOREIGN KEY (source_account_id, currency) REFERENCES account (id, currency),
    CONSTRAINT transfer_destination_currency FOREIGN KEY (destination_account_id, currency) REFERENCES account (id, currency),
    CONSTRAINT transfer_id_currency UNIQUE (id, currency)
);

CREATE TABLE entry (
    id              uuid        PRIMARY KEY,
    transfer_id     uuid        NOT NULL,
    account_id      uuid        NOT NULL,
    direction       text        NOT NULL CHECK (direction IN ('DEBIT', 'CREDIT')),
    amount          bigint      NOT NULL,
    currency        char(3)     NOT NULL,
    balance_after   bigint      NOT NULL,
    -- The account's version after this entry: a gap-free-per-change, commit-ordered sequence per account.
    account_version bigint      NOT NULL,
    created_at      timestamptz NOT NULL,
    CONSTRAINT entry_amount_positive CHECK (amount > 0),
    CONSTRAINT entry_transfer_currency FOREIGN KEY (transfer_id, currency) REFERENCES transfer (id, currency),
    CONSTRAINT entry_account_currency FOREIGN KEY (account_id, currency) REFERENCES account (id, currency),
    CONSTRAINT entry_one_per_side UNIQUE (transfer_id, direction),
    CONSTRAINT entry_account_version UNIQUE (account_id, account_version)
);

-- A transfer's entries balance: at commit, its DEBIT and CREDIT amounts are equal and equal the transfer amount.
CREATE FUNCTION entry_check_transfer_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    debits  bigint;
    credits bigint;
    expected bigint;
BEGIN
    SELECT coalesce(sum(amount) FILTER (WHERE direction = 'DEBIT'), 0),
           coalesce(sum(amount) FILTER (WHERE direction = 'CREDIT'), 0)
      INTO debits, credits
      FROM entry WHERE transfer_id = NEW.transfer_id;
    SELECT amount INTO expected FROM transfer WHERE id = NEW.transfer_id;
    IF debits <> credits OR debits <> expected THEN
        RAISE EXCEPTION 'transfer % does not balance: debits %, credits %, amount %',
            NEW.transfer_id, debits, credits, expected
            USING ERRCODE = 'check_violation', CONSTRAINT = 'transfer_balanced';
    END IF;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER transfer_balanced
    AFTER INSERT ON entry
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION entry_check_transfer_balanced();

CREATE FUNCTION reject_change_of_posted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are immutable once posted', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END $$;

CREATE TRIGGER entry_immutable BEFORE UPDATE OR DELETE ON entry
    FOR EACH ROW EXECUTE FUNCTION reject_change_of_posted();
CREATE TRIGGER transfer_immutable BEFORE UPDATE OR DELETE ON transfer
    FOR EACH ROW EXECUTE FUNCTION reject_change_of_posted();

-- The record of every completed POST, committed with the ledger write it describes
-- (IETF draft-ietf-httpapi-idempotency-key-header). Scope: the whole platform (there is no tenant yet).
CREATE TABLE idempotency_key (
    key             text        PRIMARY KEY,
    fingerprint     text        NOT NULL,
    response_status int         NOT NULL,
    response_body   text        NOT NULL,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL
);
CREATE INDEX idempotency_key_expiry ON idempotency_key (expires_at);

-- Transactional outbox: one row per committed change, written in the same transaction.
-- Published to the RabbitMQ exchange ledger.events by the relay; published_at is set after the broker confirms.
CREATE TABLE outbox (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id       uuid        NOT NULL UNIQUE,
    event_type     text        NOT NULL,
    aggregate_type text        NOT NULL,
    aggregate_id   uuid        NOT NULL,
    sequence       bigint      NOT NULL,
    request_id     text,
    node_id        text,
    occurred_at    timestamptz NOT NULL,
    payload        jsonb       NOT NULL,
    published_at   timestamptz,
    CONSTRAINT outbox_aggregate_sequence UNIQUE (aggregate_id, sequence)
);
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
