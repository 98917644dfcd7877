-- Tenants (api-contract.md, "Authentication and tenants"): every ledger row belongs to exactly one tenant, and
-- the database refuses a transfer or entry whose accounts belong to another tenant, the way it refuses one in
-- another currency: the foreign keys now name (tenant_id, id, currency). Everything written before tenants
-- existed belongs to tenant 'default'. Tenants and their API keys live in the schema `auth`, which the
-- platform-http module migrates itself; tenant_id here names one of them.
--
-- ADD COLUMN with a constant default rewrites no row (PostgreSQL 11+), so the immutability triggers on entry and
-- transfer do not fire; the default is dropped afterwards so that every writer must name the tenant.

ALTER TABLE account         ADD COLUMN tenant_id text NOT NULL DEFAULT 'default';
ALTER TABLE transfer        ADD COLUMN tenant_id text NOT NULL DEFAULT 'default';
ALTER TABLE entry           ADD COLUMN tenant_id text NOT NULL DEFAULT 'default';
ALTER TABLE idempotency_key ADD COLUMN tenant_id text NOT NULL DEFAULT 'default';
ALTER TABLE outbox          ADD COLUMN tenant_id text NOT NULL DEFAULT 'default';
-- The id of the API key that made the change (never the key): carried into the event as `actor`.
ALTER TABLE outbox          ADD COLUMN actor text;

ALTER TABLE account         ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE transfer        ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE entry           ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE idempotency_key ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE outbox          ALTER COLUMN tenant_id DROP DEFAULT;

ALTER TABLE account ADD CONSTRAINT account_tenant_id_format CHECK (tenant_id ~ '^[a-z0-9][a-z0-9_-]{0,62}$');

-- Both sides of a transfer, and every entry, in the transfer's tenant.
ALTER TABLE account ADD CONSTRAINT account_tenant_id_currency UNIQUE (tenant_id, id, currency);
ALTER TABLE entry
    DROP CONSTRAINT entry_transfer_currency,
    DROP CONSTRAINT entry_account_currency;
ALTER TABLE transfer
    DROP CONSTRAINT transfer_source_currency,
    DROP CONSTRAINT transfer_destination_currency,
    DROP CONSTRAINT transfer_id_currency,
    ADD CONSTRAINT transfer_tenant_id_currency UNIQUE (tenant_id, id, currency),
    ADD CONSTRAINT transfer_source_tenant_currency
        FOREIGN KEY (tenant_id, source_account_id, currency) REFERENCES account (tenant_id, id, currency),
    ADD CONSTRAINT transfer_destination_tenant_currency
        FOREIGN KEY (tenant_id, destination_account_id, currency) REFERENCES account (tenant_id, id, currency);
ALTER TABLE entry
    ADD CONSTRAINT entry_transfer_tenant_currency
        FOREIGN KEY (tenant_id, transfer_id, currency) REFERENCES transfer (tenant_id, id, currency),
    ADD CONSTRAINT entry_account_tenant_currency
        FOREIGN KEY (tenant_id, account_id, currency) REFERENCES account (tenant_id, id, currency);
ALTER TABLE account DROP CONSTRAINT account_id_currency;

-- One world account per tenant and currency.
DROP INDEX account_one_world_per_currency;
CREATE UNIQUE INDEX account_one_world_per_tenant_currency ON account (tenant_id, currency) WHERE world;

-- An Idempotency-Key is unique within its tenant: two tenants' equal keys are two unrelated requests.
ALTER TABLE idempotency_key DROP CONSTRAINT idempotency_key_pkey;
ALTER TABLE idempotency_key ADD PRIMARY KEY (tenant_id, key);
