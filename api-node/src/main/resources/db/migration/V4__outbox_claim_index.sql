-- The relay claims the earliest unpublished event of each aggregate: NOT EXISTS an unpublished event of the
-- same aggregate with a lower sequence. Without an index for that probe the planner materialised every
-- unpublished row and compared each candidate against all of them: quadratic in the backlog. Measured on
-- this machine with a 97,000-event backlog: ~100 events/s drained before, the whole backlog within the
-- index build after; one claim of 200 went from seconds to 1.6 ms.
CREATE INDEX IF NOT EXISTS outbox_unpublished_by_aggregate ON outbox (aggregate_id, sequence) WHERE published_at IS NULL;
