-- The audit-worker's reconciliation and rebuild read a tenant's transfers by time window
-- (GET /api/v1/audit/reconciliation, POST /api/v1/audit/rebuild, and a scheduled check every minute).
-- Without this index each of those reads scans the whole transfer table. Led by the tenant like every
-- tenant-scoped index (Citus-ready); id breaks ties so the read's keyset order is the index's.
CREATE INDEX transfer_by_tenant_created ON transfer (tenant_id, created_at, id);
