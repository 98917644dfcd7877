-- Batches and mass payouts (api-contract.md, "Batches and mass payouts"): an INDEPENDENT batch and its items are
-- stored in the transaction that accepts it; each item is then posted on its own by the api-nodes, driven through
-- the RabbitMQ work queue of batch chunks. An item's posting and its status change commit together, guarded by
-- status = 'PENDING' on its (tenant, batch, index) row: a redelivered chunk skips posted items.
CREATE TABLE batch (
    tenant_id    text        NOT NULL,
    id           uuid        NOT NULL,
    mode         text        NOT NULL CHECK (mode IN ('ATOMIC', 'INDEPENDENT')),
    status       text        NOT NULL CHECK (status IN ('PROCESSING', 'COMPLETED')),
    total        int         NOT NULL CHECK (total BETWEEN 1 AND 10000),
    posted       int         NOT NULL DEFAULT 0 CHECK (posted >= 0),
    rejected     int         NOT NULL DEFAULT 0 CHECK (rejected >= 0),
    actor        text,
    request_id   text,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    completed_at timestamptz,
    PRIMARY KEY (tenant_id, id),
    CHECK (posted + rejected <= total),
    CHECK ((status = 'COMPLETED') = (completed_at IS NOT NULL)),
    CHECK (status = 'PROCESSING' OR posted + rejected = total)
);
-- The stalled-batch sweep reads only the batches still processing.
CREATE INDEX batch_processing ON batch (updated_at) WHERE status = 'PROCESSING';

CREATE TABLE batch_item (
    tenant_id              text        NOT NULL,
    batch_id               uuid        NOT NULL,
    index                  int         NOT NULL CHECK (index >= 0),
    source_account_id      uuid        NOT NULL,
    destination_account_id uuid        NOT NULL,
    amount                 text        NOT NULL,
    currency               text        NOT NULL,
    reference              text,
    metadata               jsonb       NOT NULL DEFAULT '{}'::jsonb,
    status                 text        NOT NULL CHECK (status IN ('PENDING', 'POSTED', 'REJECTED')),
    transfer_id            uuid,
    code                   text,
    detail                 text,
    processed_at           timestamptz,
    PRIMARY KEY (tenant_id, batch_id, index),
    FOREIGN KEY (tenant_id, batch_id) REFERENCES batch (tenant_id, id),
    -- A posted item names its transfer, which exists in the same tenant; a rejected one its code; a pending one neither.
    FOREIGN KEY (tenant_id, transfer_id, currency) REFERENCES transfer (tenant_id, id, currency),
    CHECK ((status = 'POSTED') = (transfer_id IS NOT NULL)),
    CHECK ((status = 'REJECTED') = (code IS NOT NULL)),
    CHECK ((status = 'PENDING') = (processed_at IS NULL))
);
-- At most one item per transfer: "each item posted exactly once" as the database states it.
CREATE UNIQUE INDEX batch_item_transfer ON batch_item (transfer_id) WHERE transfer_id IS NOT NULL;
