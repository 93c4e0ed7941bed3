-- Rules switched off for one tenant (a row with enabled = false; no row: the rule runs), and Sigma rules an
-- organization uploaded: kept as draft (enabled = false) until someone has seen the retro-hunt preview and enables it.
create table detection_rule_setting (
    organization_id   uuid        not null references organization (id),
    managed_tenant_id uuid        not null,
    rule_id           text        not null,
    enabled           boolean     not null,
    changed_by        text        not null,
    changed_at        timestamptz not null,
    primary key (managed_tenant_id, rule_id)
);
create index detection_rule_setting_org on detection_rule_setting (organization_id);

create table detection_uploaded_rule (
    id              uuid primary key,
    organization_id uuid        not null references organization (id),
    rule_id         text        not null,
    title           text        not null,
    yaml            text        not null,
    enabled         boolean     not null default false,
    uploaded_by     text        not null,
    uploaded_at     timestamptz not null,
    enabled_by      text,
    enabled_at      timestamptz,
    unique (organization_id, rule_id)
);

alter table detection_rule_setting enable row level security;
alter table detection_rule_setting force row level security;
create policy detection_rule_setting_isolation on detection_rule_setting
    using (vigil_may_see_tenant(organization_id, managed_tenant_id)) with check (vigil_may_see(organization_id));

alter table detection_uploaded_rule enable row level security;
alter table detection_uploaded_rule force row level security;
create policy detection_uploaded_rule_isolation on detection_uploaded_rule
    using (vigil_may_see(organization_id)) with check (vigil_may_see(organization_id));
