-- The outbox and the other churned tables maintain themselves (issue 13).
--
-- Before: the relay marked a published event with UPDATE ... SET published_at, a dead tuple per event (and a dead
-- entry in each partial index "WHERE published_at IS NULL"), which only VACUUM removes; with autovacuum off (these
-- machines) or lagging, the relay's claim read ever more dead index entries: measured ~9,700 per claim after 70,000
-- transfers. Now the relay DELETEs a published event in the transaction that claimed it, once the broker confirmed
-- it; the table holds the unpublished events only, and the api-node VACUUMs it every few seconds (TableUpkeepJob).
-- Nobody reads published rows: the consumers deduplicate on the event id, the audit trail lives in the audit-worker.
DELETE FROM outbox WHERE published_at IS NOT NULL;
DROP INDEX IF EXISTS outbox_published_at;
DROP INDEX IF EXISTS outbox_unpublished;
DROP INDEX IF EXISTS outbox_unpublished_by_aggregate;
ALTER TABLE outbox DROP COLUMN published_at;
-- The claim now walks the primary key (ORDER BY id) and probes the unique (aggregate_id, sequence) of V1 for an
-- earlier event of the same aggregate: both indexes every row is in anyway.

-- No NOTIFY from the transactions that append events: PostgreSQL serializes the commits of notifying transactions
-- (a lock held from pre-commit until after the WAL flush); measured here with pgbench, 8 clients, one INSERT per
-- transaction: 1,730-1,970 tps without a NOTIFY trigger, 136-180 tps with one. The relay is woken in-process after
-- its own node's commits instead (OutboxRelayLoop).

-- Where autovacuum runs, it should not wait for 20 % of a small, hot table to be dead (its default scale factor).
ALTER TABLE outbox SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000);
ALTER TABLE idempotency_key SET (autovacuum_vacuum_scale_factor = 0.02);
