-- After a block or a revoke, Vigil watches the account (and the attacker's addresses and networks) for a while:
-- a successful sign-in of the account, or any sign-in from those addresses to another account, reopens the incident.
create table containment_watch (
    incident_id       uuid primary key references incident (id) on delete cascade,
    organization_id   uuid        not null,
    managed_tenant_id uuid        not null,
    account_id        text,
    attacker_ips      text[]      not null default '{}',
    attacker_asns     integer[]   not null default '{}',
    contained_at      timestamptz not null,
    watch_from        timestamptz not null,
    watch_until       timestamptz not null
);
create index containment_watch_tenant on containment_watch (managed_tenant_id, watch_until);

-- Each sign-in breaches a watch once, however often its page is delivered.
create table containment_breach (
    incident_id     uuid        not null references incident (id) on delete cascade,
    organization_id uuid        not null,
    sign_in_id      bigint      not null,
    reason          text        not null,
    at              timestamptz not null,
    primary key (incident_id, sign_in_id)
);

alter table containment_watch enable row level security;
alter table containment_watch force row level security;
create policy containment_watch_isolation on containment_watch
    using (vigil_may_see_tenant(organization_id, managed_tenant_id)) with check (vigil_may_see(organization_id));

alter table containment_breach enable row level security;
alter table containment_breach force row level security;
create policy containment_breach_isolation on containment_breach
    using (vigil_may_see(organization_id) and exists (select 1 from incident i where i.id = incident_id))
    with check (vigil_may_see(organization_id));
