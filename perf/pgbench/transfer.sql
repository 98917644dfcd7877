-- perf/pgbench/transfer.sql: one api-node transfer (POST /api/v1/transfers, a fresh Idempotency-Key,
-- a new transfer) as the statements the api-node sends to PostgreSQL, in the same order:
--
--   SerializableUnitOfWork   lock:  SELECT ledger_lock_accounts(?)   (autocommit, keys ascending)
--                            BEGIN (SERIALIZABLE)
--   PostgresIdempotencyRecords.find  ... WHERE tenant_id = ? AND key = ? AND expires_at > ?
--   PostgresAccounts.lockInOrder     SELECT ... WHERE id = ANY(?) AND tenant_id = ? ORDER BY id FOR UPDATE
--   PostgresAccounts.update          2 x UPDATE account (source, then destination), each with its new head_hash:
--                                    the api-node chains the entry in Java (one SHA-256); here V14's
--                                    entry_chain_step does it in the UPDATE, with no statement of its own either
--   PostgresTransfers.add            INSERT transfer, 2 x INSERT entry (DEBIT, then CREDIT)
--   PostgresOutbox.append            INSERT outbox (transfer.posted, with tenant_id and actor)
--   PostgresIdempotencyRecords.insert  ... ON CONFLICT (tenant_id, key) ...
--                            COMMIT
--                            unlock: SELECT pg_advisory_unlock_all()
--
--   pgbench -n -M prepared -c 32 -j 2 -T 30 --max-tries=20 -D merchant_pct=0 -f perf/pgbench/transfer.sql ledger_bench
--
-- merchant_pct (required, -D): the percentage of transfers that credit the merchant, account 1. 0 is the
-- uniform benchmark (source and destination uniform among all accounts, always different); 50 is the hot-account
-- benchmark of issue 5 ("half of the transfers credit one merchant account, the rest uniform"), drawn as
-- HotAccountSimulation draws (AccountPairs.merchant): the source is uniform; unless it is the merchant itself,
-- the destination is the merchant with probability merchant_pct %, otherwise uniform among the others.
-- (pgbench has no default for a variable a script reads: without -D it stops with "undefined variable".)
--
-- Data: perf/pgbench/prepare (accounts md5('acct-' || i)::uuid, i = 1..10000, 1,000,000.00 each, all in tenant
-- 'default'; change the \set accounts below together with prepare's count).
--
-- Tenants (migration V5__tenants.sql): every row names its tenant, 'default' here (the operator key's tenant,
-- which perf/run's load tests use), and every row the api-node reads is looked up with its tenant, as below.
-- The outbox row's actor is the key id of the caller: 'bootstrap' for the operator key ('anonymous' when the
-- api-node runs with LEDGER_AUTH_ENABLED=false).
--
-- Where this differs from the api-node, and why:
-- * Group commit (api-node CommitGroups, on by default): under concurrency the api-node runs several
--   transfers in one transaction: one lock statement for the union of their accounts, then per transfer the
--   idempotency SELECT, the account SELECT ... FOR UPDATE and the UPDATE batch, then the transfer, entry,
--   outbox and idempotency INSERTs of all of them as one JDBC batch per table, one COMMIT, one unlock. This
--   script is the baseline the issue asks for: the same statements, one transaction per transfer (what the
--   api-node does for a transfer that arrives alone, or with LEDGER_COMMIT_GROUP_MAX_SIZE=1).
-- * The api-node sends the sessions' enable_seqscan = off (application.yml); prepare ANALYZEs ledger_bench,
--   so the plans here are the same index scans.
-- * The api-node computes the advisory-lock keys (UUID msb XOR lsb, sorted), the ids (UUIDv4), the
--   request fingerprint (SHA-256) and the JSON bodies in Java and sends them as parameters. pgbench cannot
--   handle strings, so the lock statement also returns the account ids, the idempotency key, the transfer
--   id and a request id (\gset: no extra round trip), and the INSERTs build their JSON with format().
--   gen_random_uuid() stands in for the Java UUIDv4 generator.
-- * The api-node sends computed values: UPDATE ... SET balance = ?, version = ? ... WHERE id = ? AND
--   version = ? (a guard that fails loudly if the row lock was missed). pgbench cannot carry the values
--   read by the SELECT (two rows), so the UPDATEs compute them in place and return balance and version
--   (\gset) for the entries: same rows, same index, same WAL.
-- * The api-node sends the two UPDATEs as one JDBC batch and the two entry INSERTs as one batch (one
--   round trip each); pgbench sends each statement on its own (2 more round trips). Its JDBC driver and
--   pool may add round trips of their own (isolation level, autocommit) that pgbench does not send.
-- * The lock statement first releases what the session may still hold (pg_advisory_unlock_all()): the
--   api-node releases its locks in a finally block, but pgbench skips the rest of the script, the final
--   unlock included, when a transaction fails for good (after --max-tries), and restarts the script from the
--   top on a retry. Without it a failed transfer would keep its two accounts locked for the whole next one.
-- * The request id is NGINX's (32 hex digits) in the API; a random md5 here. The node id is 'pgbench'.
-- * The tenant id is a parameter in the api-node and the literal 'default' here (pgbench variables are numbers):
--   with -M prepared both are one prepared plan of the same index scans.
-- * pgbench turns every ":name" into a parameter, even inside a string literal: the literals here avoid a
--   colon followed by a letter (hence "reference":%s with 'null', and HH24_MI_SS with '_' -> ':').
-- * Amounts 0.01..1.00 like the Gatling simulation; the balance check never refuses a transfer here.

\set accounts 10000
\set src random(1, :accounts)
\set dst 1 + (:src + random(0, :accounts - 2)) % :accounts
\if :src <> 1 and random(1, 100) <= :merchant_pct
\set dst 1
\endif
\set amt random(1, 100)

SELECT pg_advisory_unlock_all() AS released,
       ledger_lock_accounts(ARRAY(
           SELECT ('x' || substr(h, 1, 16))::bit(64)::bigint # ('x' || substr(h, 17, 16))::bit(64)::bigint AS k
             FROM unnest(ARRAY[md5('acct-' || :src::text), md5('acct-' || :dst::text)]) AS h
            ORDER BY k)) AS locked,
       md5('acct-' || :src::text)::uuid AS s,
       md5('acct-' || :dst::text)::uuid AS d,
       gen_random_uuid()::text AS ikey,
       gen_random_uuid() AS tid,
       gen_random_uuid() AS seid,
       gen_random_uuid() AS deid,
       md5(random()::text) AS rid
\gset
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT fingerprint, response_status, response_body, created_at, expires_at FROM idempotency_key WHERE tenant_id = 'default' AND key = :ikey AND expires_at > now();
SELECT tenant_id, id, currency, type, owner_id, status, balance, allow_negative_balance, world, version, metadata::text AS metadata, created_at, updated_at, head_hash FROM account WHERE id = ANY(ARRAY[:s::uuid, :d::uuid]) AND tenant_id = 'default' ORDER BY id FOR UPDATE;
UPDATE account SET balance = balance - :amt, status = 'ACTIVE', version = version + 1, updated_at = now(), head_hash = entry_chain_step(head_hash, entry_chain_fields(:seid::uuid, :tid::uuid, :s::uuid, 'DEBIT', :amt, 'USD', balance - :amt, version + 1, now())) WHERE id = :s::uuid RETURNING balance AS sbal, version AS sver, head_hash AS shash
\gset
UPDATE account SET balance = balance + :amt, status = 'ACTIVE', version = version + 1, updated_at = now(), head_hash = entry_chain_step(head_hash, entry_chain_fields(:deid::uuid, :tid::uuid, :d::uuid, 'CREDIT', :amt, 'USD', balance + :amt, version + 1, now())) WHERE id = :d::uuid RETURNING balance AS dbal, version AS dver, head_hash AS dhash
\gset
INSERT INTO transfer (tenant_id, id, kind, status, source_account_id, destination_account_id, amount, currency, reference, metadata, request_id, created_at) VALUES ('default', :tid::uuid, 'TRANSFER', 'POSTED', :s::uuid, :d::uuid, :amt, 'USD', NULL, '{}'::jsonb, :rid, now());
INSERT INTO entry (tenant_id, id, transfer_id, account_id, direction, amount, currency, balance_after, account_version, created_at, hash) VALUES ('default', :seid::uuid, :tid::uuid, :s::uuid, 'DEBIT', :amt, 'USD', :sbal, :sver, now(), :shash);
INSERT INTO entry (tenant_id, id, transfer_id, account_id, direction, amount, currency, balance_after, account_version, created_at, hash) VALUES ('default', :deid::uuid, :tid::uuid, :d::uuid, 'CREDIT', :amt, 'USD', :dbal, :dver, now(), :dhash);
INSERT INTO outbox (event_id, event_type, aggregate_type, aggregate_id, sequence, request_id, node_id, occurred_at, payload, tenant_id, actor) VALUES (gen_random_uuid(), 'transfer.posted', 'TRANSFER', :tid::uuid, 1, :rid, 'pgbench', now(), format('{"id":"%s","kind":"TRANSFER","status":"POSTED","sourceAccountId":"%s","destinationAccountId":"%s","amount":"%s.%s","currency":"USD","reference":%s,"createdAt":"%s","metadata":{},"entries":[{"accountId":"%s","direction":"DEBIT","amount":"%s.%s","balanceAfter":"%s.%s","hash":"%s"},{"accountId":"%s","direction":"CREDIT","amount":"%s.%s","balanceAfter":"%s.%s","hash":"%s"}]}', :tid::text, :s::text, :d::text, :amt::bigint / 100, lpad((:amt::bigint % 100)::text, 2, '0'), 'null', replace(to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24_MI_SS.US"Z"'), '_', ':'), :s::text, :amt::bigint / 100, lpad((:amt::bigint % 100)::text, 2, '0'), :sbal::bigint / 100, lpad((:sbal::bigint % 100)::text, 2, '0'), :shash::text, :d::text, :amt::bigint / 100, lpad((:amt::bigint % 100)::text, 2, '0'), :dbal::bigint / 100, lpad((:dbal::bigint % 100)::text, 2, '0'), :dhash::text)::jsonb, 'default', 'bootstrap');
INSERT INTO idempotency_key (tenant_id, key, fingerprint, response_status, response_body, created_at, expires_at) VALUES ('default', :ikey, md5(:ikey::text) || md5(:tid::text), 201, format('{"id":"%s","kind":"TRANSFER","status":"POSTED","sourceAccountId":"%s","destinationAccountId":"%s","amount":"%s.%s","currency":"USD","reference":%s,"createdAt":"%s","metadata":{},"entries":[{"accountId":"%s","direction":"DEBIT","amount":"%s.%s","balanceAfter":"%s.%s","hash":"%s"},{"accountId":"%s","direction":"CREDIT","amount":"%s.%s","balanceAfter":"%s.%s","hash":"%s"}]}', :tid::text, :s::text, :d::text, :amt::bigint / 100, lpad((:amt::bigint % 100)::text, 2, '0'), 'null', replace(to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24_MI_SS.US"Z"'), '_', ':'), :s::text, :amt::bigint / 100, lpad((:amt::bigint % 100)::text, 2, '0'), :sbal::bigint / 100, lpad((:sbal::bigint % 100)::text, 2, '0'), :shash::text, :d::text, :amt::bigint / 100, lpad((:amt::bigint % 100)::text, 2, '0'), :dbal::bigint / 100, lpad((:dbal::bigint % 100)::text, 2, '0'), :dhash::text), now(), now() + interval '24 hours') ON CONFLICT (tenant_id, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, response_status = EXCLUDED.response_status, response_body = EXCLUDED.response_body, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at WHERE idempotency_key.expires_at <= EXCLUDED.created_at;
COMMIT;
SELECT pg_advisory_unlock_all();
