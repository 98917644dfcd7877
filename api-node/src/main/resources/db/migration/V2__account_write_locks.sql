-- Writers of the same accounts queue here before their SERIALIZABLE transaction takes its snapshot.
-- Under SERIALIZABLE, a transaction that waits for a row lock held by a writer that then commits can only
-- fail (its snapshot predates that commit: 40001), so hot accounts starve their waiters. Taking session-level
-- advisory locks first, in ascending key order (no deadlock), makes those writers wait instead of fail;
-- the transaction that follows starts with a snapshot that already sees the previous writer's commit.
CREATE FUNCTION ledger_lock_accounts(keys bigint[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    k bigint;
BEGIN
    FOREACH k IN ARRAY keys LOOP
        PERFORM pg_advisory_lock(k);
    END LOOP;
END $$;
