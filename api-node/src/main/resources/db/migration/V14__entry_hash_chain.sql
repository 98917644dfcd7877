-- The per-account hash chain of entries (api-contract.md, "Integrity: the hash chain"; README, "Verifying the hash
-- chain"). entry.hash = lowercase hex SHA-256 of the UTF-8 text
--   previous hash \n id \n transfer_id \n account_id \n direction \n amount \n currency \n balance_after \n
--   account_version \n created_at (UTC, YYYY-MM-DDTHH:MM:SS.ffffffZ)
-- where "previous hash" is the hash of the account's entry before it in account_version order, 64 zeros for its
-- first. account.head_hash is the hash of the account's latest entry (64 zeros before it has one): the posting
-- transaction reads it with the account lock it already takes and writes it with the balance, so chaining costs
-- one SHA-256 per entry in Java and no statement of its own. The Java side is dev.polyledger.ledger.domain.HashChain;
-- entry_chain_fields below is the same canonical form, and the backfill below is how old ledgers get their chains.

ALTER TABLE account ADD COLUMN head_hash text NOT NULL
    DEFAULT '0000000000000000000000000000000000000000000000000000000000000000'
    CONSTRAINT account_head_hash_format CHECK (head_hash ~ '^[0-9a-f]{64}$');
ALTER TABLE entry ADD COLUMN hash text;

-- An entry's canonical fields: the text after "previous hash \n". Arguments in the order of the form (and of the
-- entry's columns), so that a writer in SQL can chain an entry before inserting it.
CREATE FUNCTION entry_chain_fields(id uuid, transfer_id uuid, account_id uuid, direction text, amount bigint,
                                   currency text, balance_after bigint, account_version bigint, created_at timestamptz)
    RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT concat_ws(E'\n', id::text, transfer_id::text, account_id::text, direction, amount::text, currency,
                     balance_after::text, account_version::text,
                     to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
$$;

-- One link: the hash of "previous \n fields".
CREATE FUNCTION entry_chain_step(previous text, fields text) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT encode(sha256(convert_to(previous || E'\n' || fields, 'UTF8')), 'hex')
$$;

-- The chain as a running aggregate: entry_chain(entry_chain_fields(id, …, created_at)) OVER (PARTITION BY account_id
-- ORDER BY account_version) is each entry's hash, computed in one pass (the frame only grows, so the state carries over).
-- Kept after the backfill so that an operator can recompute a chain in SQL, too.
CREATE AGGREGATE entry_chain(text) (
    SFUNC = entry_chain_step,
    STYPE = text,
    INITCOND = '0000000000000000000000000000000000000000000000000000000000000000'
);

-- Backfill: posted entries are immutable (entry_immutable); this one rewrite of every row predates the chain it
-- creates, so the trigger is off for it alone (ALTER TABLE holds an exclusive lock until the migration commits).
ALTER TABLE entry DISABLE TRIGGER entry_immutable;
UPDATE entry e SET hash = c.hash
  FROM (SELECT id, entry_chain(entry_chain_fields(id, transfer_id, account_id, direction, amount, currency,
                                                  balance_after, account_version, created_at))
                   OVER (PARTITION BY account_id ORDER BY account_version) AS hash
          FROM entry) c
 WHERE e.id = c.id;
ALTER TABLE entry ENABLE TRIGGER entry_immutable;

UPDATE account a SET head_hash = last.hash
  FROM (SELECT DISTINCT ON (account_id) account_id, hash FROM entry ORDER BY account_id, account_version DESC) last
 WHERE a.id = last.account_id;

ALTER TABLE entry ALTER COLUMN hash SET NOT NULL,
    ADD CONSTRAINT entry_hash_format CHECK (hash ~ '^[0-9a-f]{64}$');
