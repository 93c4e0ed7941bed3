-- Suppressions: known-good activity ("this was our VPN") that should not raise incidents again, scoped, with a
-- reason, an expiry and the incident that justified it. Matches they suppress are recorded, not lost.
create table suppression (
    id                uuid primary key,
    organization_id   uuid        not null references organization (id),
    managed_tenant_id uuid,
    rule_id           text,
    account_id        text,
    network           cidr,
    asn               bigint,
    country           text,
    reason            text        not null,
    expires_at        timestamptz,
    source_incident   uuid,
    created_by        text        not null,
    created_at        timestamptz not null
);
create index suppression_org on suppression (organization_id, managed_tenant_id);

create table suppressed_match (
    suppression_id    uuid        not null references suppression (id) on delete cascade,
    organization_id   uuid        not null,
    managed_tenant_id uuid        not null,
    rule_id           text        not null,
    sign_in_id        bigint      not null,
    graph_id          text        not null,
    account_id        text,
    ip_address        inet,
    suppressed_at     timestamptz not null,
    primary key (suppression_id, sign_in_id, rule_id)
);

alter table suppression enable row level security;
alter table suppression force row level security;
create policy suppression_isolation on suppression
    using (vigil_may_see(organization_id) and (managed_tenant_id is null
           or vigil_may_see_tenant(organization_id, managed_tenant_id)))
    with check (vigil_may_see(organization_id));

alter table suppressed_match enable row level security;
alter table suppressed_match force row level security;
create policy suppressed_match_isolation on suppressed_match
    using (vigil_may_see_tenant(organization_id, managed_tenant_id)) with check (vigil_may_see(organization_id));
