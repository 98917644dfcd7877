-- perf/pgbench/seed.sql: the data of the pgbench baseline, in a database migrated with the api-node's
-- Flyway migrations (perf/pgbench/prepare applies them first).
--
--   psql -v ON_ERROR_STOP=1 -v accounts=10000 -f perf/pgbench/seed.sql ledger_bench
--
-- * every row in tenant 'default' (migration V5__tenants.sql: account, transfer, entry, idempotency_key and outbox
--   have a NOT NULL tenant_id without default), the tenant of the operator key the load tests use;
-- * the default tenant's USD world account, with the id every api-node gives it (AccountId.worldOf: other
--   tenants' world accounts are named "world:<tenant>:USD"): Java's UUID.nameUUIDFromBytes("world:USD"),
--   i.e. md5 of the ASCII bytes with the version nibble set to 3 and the IETF variant bits (10xx);
-- * :accounts USD user accounts with deterministic ids md5('acct-' || i)::uuid (i = 1..:accounts, the
--   numbers transfer.sql draws), allow_negative_balance false, funded with 1,000,000.00 each;
-- * the funding written as the API writes it, so the ledger stays consistent: one CREDIT transfer from
--   the world account per account with its two entries (world DEBIT, account CREDIT; balance_after and
--   account_version as the API would have them). The deferred balance trigger checks each entry at commit;
-- * the fixture's idempotency records and outbox events (see below), the events with actor 'bootstrap' (the
--   key id of the operator key, which perf/run's load tests use).
--
-- Row ids are random UUIDs (gen_random_uuid()), as the api-node makes them (UUID.randomUUID()): time-ordered
-- ids made every pair of concurrent serializable transfers conflict (see README, "How it works").

\if :{?accounts}
\else
\set accounts 10000
\endif

BEGIN;

-- Java's UUID.nameUUIDFromBytes: md5, version 3, IETF variant.
CREATE FUNCTION pg_temp.name_uuid(name text) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
    SELECT (substr(h, 1, 12) || '3' || substr(h, 14, 3)
            || to_hex(((('x' || substr(h, 17, 1))::bit(4))::int & 3) | 8)
            || substr(h, 18))::uuid
      FROM md5(name) AS h
$$;

INSERT INTO account (tenant_id, id, currency, type, owner_id, status, balance, allow_negative_balance, world, version,
                     metadata, created_at, updated_at)
VALUES ('default', pg_temp.name_uuid('world:USD'), 'USD', 'EXTERNAL', NULL, 'ACTIVE', -100000000 * :accounts::bigint, true,
        true, :accounts, '{}'::jsonb, now(), now());

INSERT INTO account (tenant_id, id, currency, type, owner_id, status, balance, allow_negative_balance, world, version,
                     metadata, created_at, updated_at)
SELECT 'default', md5('acct-' || i)::uuid, 'USD', 'USER', NULL, 'ACTIVE', 100000000, false, false, 1, '{}'::jsonb, now(), now()
  FROM generate_series(1, :accounts) AS i;

CREATE TEMP TABLE funding AS
SELECT i, gen_random_uuid() AS transfer_id, md5('acct-' || i)::uuid AS account_id
  FROM generate_series(1, :accounts) AS i;

INSERT INTO transfer (tenant_id, id, kind, status, source_account_id, destination_account_id, amount, currency,
                      reference, metadata, request_id, created_at)
SELECT 'default', transfer_id, 'CREDIT', 'POSTED', pg_temp.name_uuid('world:USD'), account_id, 100000000, 'USD', 'pgbench-seed',
       '{}'::jsonb, 'pgbench-seed', now()
  FROM funding;

-- Each entry chained on its account (migration V14's functions; the api-node does it in Java), then each account's
-- head hash set to its last entry's.
INSERT INTO entry (tenant_id, id, transfer_id, account_id, direction, amount, currency, balance_after, account_version,
                   created_at, hash)
SELECT tenant_id, id, transfer_id, account_id, direction, amount, currency, balance_after, account_version, created_at,
       entry_chain(entry_chain_fields(id, transfer_id, account_id, direction, amount, currency, balance_after,
                                      account_version, created_at))
           OVER (PARTITION BY account_id ORDER BY account_version)
  FROM (SELECT 'default' AS tenant_id, gen_random_uuid() AS id, transfer_id, pg_temp.name_uuid('world:USD') AS account_id,
               'DEBIT' AS direction, 100000000::bigint AS amount, 'USD' AS currency,
               -100000000 * i::bigint AS balance_after, i::bigint AS account_version, now() AS created_at
          FROM funding
        UNION ALL
        SELECT 'default', gen_random_uuid(), transfer_id, account_id, 'CREDIT', 100000000, 'USD', 100000000, 1, now()
          FROM funding) AS e;
UPDATE account a SET head_hash = last.hash
  FROM (SELECT DISTINCT ON (account_id) account_id, hash FROM entry ORDER BY account_id, account_version DESC) last
 WHERE a.id = last.account_id;

-- What the API's fixture (perf LedgerFixture: POST /accounts, then POST /accounts/{id}/credits, each with a
-- fresh UUID Idempotency-Key) leaves besides the money: two idempotency records and two outbox events per
-- account. The idempotency records matter: under SERIALIZABLE, every transfer's key lookup takes a
-- predicate lock on a leaf page of idempotency_key_pkey and every transfer inserts into one; on an empty
-- table those few pages are shared by all transactions and serialization failures more than double.
INSERT INTO idempotency_key (tenant_id, key, fingerprint, response_status, response_body, created_at, expires_at)
SELECT 'default', gen_random_uuid()::text, md5('open-' || i) || md5('open-' || i), 201,
       format('{"id":"%s","currency":"USD","type":"USER","ownerId":null,"status":"ACTIVE","balance":"0.00","allowNegativeBalance":false,"version":0,"createdAt":"%s","updatedAt":"%s","metadata":{}}',
              account_id, now(), now()),
       now(), now() + interval '24 hours'
  FROM funding
UNION ALL
SELECT 'default', gen_random_uuid()::text, md5('fund-' || i) || md5('fund-' || i), 201, rpad(format('{"id":"%s","kind":"CREDIT"}', transfer_id), 552, ' '),
       now(), now() + interval '24 hours'
  FROM funding;

INSERT INTO outbox (event_id, event_type, aggregate_type, aggregate_id, sequence, request_id, node_id, occurred_at, payload,
                    tenant_id, actor)
SELECT gen_random_uuid(), 'account.created', 'ACCOUNT', account_id, 1, 'pgbench-seed', 'pgbench', now(),
       jsonb_build_object('id', account_id, 'currency', 'USD', 'type', 'USER', 'status', 'ACTIVE', 'balance', '0.00'),
       'default', 'bootstrap'
  FROM funding
UNION ALL
SELECT gen_random_uuid(), 'transfer.posted', 'TRANSFER', transfer_id, 1, 'pgbench-seed', 'pgbench', now(),
       jsonb_build_object('id', transfer_id, 'kind', 'CREDIT', 'amount', '1000000.00', 'currency', 'USD', 'padding', repeat('x', 400)),
       'default', 'bootstrap'
  FROM funding;

COMMIT;

VACUUM ANALYZE account;
VACUUM ANALYZE transfer;
VACUUM ANALYZE entry;
VACUUM ANALYZE idempotency_key;
VACUUM ANALYZE outbox;

-- The check of the README ("How a balance is explained"), for every account: must print 0.
SELECT count(*) AS accounts_out_of_balance
  FROM account a
  LEFT JOIN (SELECT account_id, sum(CASE direction WHEN 'CREDIT' THEN amount ELSE -amount END) AS s
               FROM entry GROUP BY account_id) e ON e.account_id = a.id
 WHERE a.balance <> coalesce(e.s, 0);
