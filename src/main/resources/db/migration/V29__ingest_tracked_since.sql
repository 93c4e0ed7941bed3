-- When polling of a tenant began: sign-ins from before it arrive with the first polls' backfill, and their age then
-- is history, not lag, so the operations page measures the Graph-to-Vigil stage from this point on.
alter table ingest_tenant_state add column tracked_since timestamptz not null default now();
