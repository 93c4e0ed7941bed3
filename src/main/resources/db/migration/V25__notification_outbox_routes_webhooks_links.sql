-- Who hears of an incident: per organization, optionally per tenant, from a severity up; the MSP's team gets alerts,
-- customers plain-language emails with answer links. recipient is an email address or 'tenant-admins' (the
-- tenant's customer admins in Vigil).
create table notification_route (
    id                uuid primary key,
    organization_id   uuid        not null references organization (id),
    managed_tenant_id uuid        references managed_tenant (id) on delete cascade,
    min_severity      text        not null,
    audience          text        not null check (audience in ('MSP', 'CUSTOMER')),
    recipient         text        not null,
    delivery          text        not null check (delivery in ('IMMEDIATE', 'DIGEST')),
    created_by        text        not null,
    created_at        timestamptz not null
);
create index notification_route_org on notification_route (organization_id);

-- Quiet hours: low-severity messages wait until they end.
create table notification_settings (
    organization_id uuid primary key references organization (id),
    quiet_start     time,
    quiet_end       time,
    time_zone       text not null default 'UTC'
);

-- Outgoing webhooks (Teams, Slack, generic signed JSON); the signing secret encrypted.
create table webhook (
    id              uuid primary key,
    organization_id uuid        not null references organization (id),
    kind            text        not null check (kind in ('TEAMS', 'SLACK', 'GENERIC')),
    url             text        not null,
    secret          bytea       not null,
    min_severity    text        not null,
    last_status     text,
    last_at         timestamptz,
    created_by      text        not null,
    created_at      timestamptz not null
);

-- The outbox: every message, written in the transaction of the incident change it tells of, sent by a worker with
-- retries; a claim (claimed_until) keeps two replicas from sending one message at once.
create table notification (
    id                uuid primary key,
    organization_id   uuid        not null,
    managed_tenant_id uuid,
    incident_id       uuid,
    channel           text        not null check (channel in ('EMAIL', 'WEBHOOK')),
    recipient         text        not null,
    change            text        not null,
    subject           text        not null,
    body_text         text        not null,
    body_html         text,
    status            text        not null check (status in ('PENDING', 'SENT', 'FAILED')),
    digest            boolean     not null default false,
    attempts          integer     not null default 0,
    not_before        timestamptz not null,
    claimed_until     timestamptz,
    last_error        text,
    created_at        timestamptz not null,
    sent_at           timestamptz
);
create index notification_due on notification (not_before) where status = 'PENDING';
create index notification_incident on notification (incident_id, created_at);

create table notification_attempt (
    notification_id uuid        not null references notification (id) on delete cascade,
    organization_id uuid        not null,
    at              timestamptz not null,
    outcome         text        not null,
    error           text
);
create index notification_attempt_of on notification_attempt (notification_id);

-- One-click answers in customer emails: bound to one incident, one recipient and one answer; expire; work once.
create table answer_link (
    id              uuid primary key,
    organization_id uuid        not null,
    incident_id     uuid        not null,
    recipient       text        not null,
    answer          text        not null,
    expires_at      timestamptz not null,
    used_at         timestamptz,
    created_at      timestamptz not null
);

alter table notification_route enable row level security;
alter table notification_route force row level security;
create policy notification_route_isolation on notification_route
    using (vigil_may_see(organization_id) and (managed_tenant_id is null
           or vigil_may_see_tenant(organization_id, managed_tenant_id)))
    with check (vigil_may_see(organization_id));

alter table notification_settings enable row level security;
alter table notification_settings force row level security;
create policy notification_settings_isolation on notification_settings
    using (vigil_may_see(organization_id)) with check (vigil_may_see(organization_id));

alter table webhook enable row level security;
alter table webhook force row level security;
create policy webhook_isolation on webhook
    using (vigil_may_see(organization_id)) with check (vigil_may_see(organization_id));

alter table notification enable row level security;
alter table notification force row level security;
create policy notification_isolation on notification
    using (vigil_may_see(organization_id) and (managed_tenant_id is null
           or vigil_may_see_tenant(organization_id, managed_tenant_id)))
    with check (vigil_may_see(organization_id));

alter table notification_attempt enable row level security;
alter table notification_attempt force row level security;
create policy notification_attempt_isolation on notification_attempt
    using (vigil_may_see(organization_id)) with check (vigil_may_see(organization_id));

alter table answer_link enable row level security;
alter table answer_link force row level security;
create policy answer_link_isolation on answer_link
    using (vigil_may_see(organization_id)) with check (vigil_may_see(organization_id));
