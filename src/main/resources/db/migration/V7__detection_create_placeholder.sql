-- Per-tenant values of Sigma "expand" placeholders (known countries, privileged accounts, important apps, ...).
create table detection_placeholder (
    organization_id   uuid   not null,
    managed_tenant_id uuid   not null,
    name              text   not null,
    placeholder_values text[] not null,
    primary key (managed_tenant_id, name)
);
create index detection_placeholder_org on detection_placeholder (organization_id);
