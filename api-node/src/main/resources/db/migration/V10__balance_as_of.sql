-- Point-in-time balances (api-contract.md, "Point-in-time balances"): the balance of an account at an instant is the
-- balance_after of its last entry at or before that instant. This index makes that one index lookup (the first row
-- of a backward range scan), not a scan of the account's entries.
CREATE INDEX entry_account_as_of ON entry (account_id, created_at DESC, account_version DESC) INCLUDE (balance_after, tenant_id);
