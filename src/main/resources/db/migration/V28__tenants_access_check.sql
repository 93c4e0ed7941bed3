-- What Vigil was last found to be granted in each tenant (the roles in Entra's token, the licence Graph sees):
-- checked when the tenant is connected and again on an admin's request, and shown on the operations page as the
-- detections and actions that can work there.
create table tenant_access_check (
    managed_tenant_id uuid primary key references managed_tenant (id) on delete cascade,
    organization_id   uuid        not null,
    consented         boolean     not null,
    granted           text[]      not null,
    missing           text[]      not null,
    licence           text        not null,
    problem           text,
    checked_at        timestamptz not null,
    checked_by        text        not null
);

alter table tenant_access_check enable row level security;
alter table tenant_access_check force row level security;
create policy tenant_access_check_isolation on tenant_access_check
    using (vigil_may_see_tenant(organization_id, managed_tenant_id)) with check (vigil_may_see(organization_id));
