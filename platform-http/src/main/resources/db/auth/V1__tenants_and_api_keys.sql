-- Tenants and API keys (issue 9). Migrated by platform-http's own Flyway run (history table
-- auth.flyway_schema_history), independent of each service's migrations, by every service that authenticates.
-- Only the SHA-256 of a key is stored, never the key.

CREATE TABLE auth.tenant (
    id         text        PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO auth.tenant (id, name) VALUES ('default', 'default');

CREATE TABLE auth.api_key (
    id              text        PRIMARY KEY CHECK (id ~ '^key_[a-z2-7]{20}$'),
    tenant_id       text        NOT NULL REFERENCES auth.tenant (id),
    name            text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    prefix          text        NOT NULL CHECK (length(prefix) = 12 AND prefix LIKE 'plk\_%'),
    key_hash        text        NOT NULL UNIQUE CHECK (key_hash ~ '^[0-9a-f]{64}$'),
    scopes          text[]      NOT NULL CHECK (cardinality(scopes) > 0
                                    AND scopes <@ ARRAY['ledger:read', 'ledger:write', 'audit:read',
                                                        'webhooks:manage', 'keys:manage']::text[]),
    rate_per_second int         NULL CHECK (rate_per_second > 0),
    rate_burst      int         NULL CHECK (rate_burst > 0),
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NULL,
    revoked_at      timestamptz NULL,
    CHECK ((rate_per_second IS NULL) = (rate_burst IS NULL)),
    CHECK (expires_at IS NULL OR expires_at > created_at)
);

-- Listing a tenant's keys (GET /api/v1/api-keys) and revoking one by (tenant, id).
CREATE INDEX api_key_tenant_idx ON auth.api_key (tenant_id, created_at, id);
