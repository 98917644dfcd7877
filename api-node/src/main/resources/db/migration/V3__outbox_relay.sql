-- Pruning published events scans by publication time; unpublished rows are found by outbox_unpublished (V1).
CREATE INDEX outbox_published_at ON outbox (published_at) WHERE published_at IS NOT NULL;
