-- How far back a tenant's stored sign-ins reach: "first seen" rules stay quiet until a tenant has enough history to
-- know what is usual. Kept up to date as pages are committed, so nobody scans the sign-ins for it.
alter table ingest_tenant_state add column oldest_sign_in_at timestamptz;
update ingest_tenant_state s set oldest_sign_in_at = (select min(created_at) from sign_in where managed_tenant_id = s.managed_tenant_id);
