-- Incidents: matches of one rule for one tenant and dedup key (by default the account) within a window,
-- with their evidence (the matching sign-ins) and a timeline of everything that happened to them.
create table incident (
    id                   uuid primary key,
    organization_id      uuid        not null,
    managed_tenant_id    uuid        not null,
    rule_id              text        not null,
    rule_title           text        not null,
    severity             text        not null,
    status               text        not null,
    assignee             text,
    dedup_key            text        not null,
    account_id           text,
    account_upn          text,
    account_display_name text,
    first_seen           timestamptz not null,
    last_seen            timestamptz not null,
    sign_in_count        integer     not null default 0,
    window_seconds       bigint      not null,
    checklist            jsonb       not null,
    checklist_state      jsonb       not null default '{}',
    -- ingest commit of the first matching sign-in to the commit of this incident
    detection_latency_ms bigint      not null,
    created_at           timestamptz not null,
    updated_at           timestamptz not null
);
create index incident_grouping on incident (managed_tenant_id, rule_id, dedup_key, last_seen desc);
create index incident_queue on incident (organization_id, status, last_seen desc);

create table incident_sign_in (
    incident_id          uuid        not null references incident (id) on delete cascade,
    organization_id      uuid        not null,
    managed_tenant_id    uuid        not null,
    rule_id              text        not null,
    sign_in_id           bigint      not null,
    graph_id             text        not null,
    created_at           timestamptz not null,
    ip_address           inet,
    evidence             jsonb       not null,
    detection_latency_ms bigint      not null,
    added_at             timestamptz not null,
    primary key (incident_id, sign_in_id),
    -- a sign-in redelivered to detection never joins an incident of the same rule twice
    constraint incident_sign_in_once unique (sign_in_id, rule_id)
);
create index incident_sign_in_org on incident_sign_in (organization_id, incident_id, created_at);

create table incident_timeline (
    id              bigint generated always as identity primary key,
    incident_id     uuid        not null references incident (id) on delete cascade,
    organization_id uuid        not null,
    at              timestamptz not null,
    actor           text        not null,
    kind            text        not null,
    detail          jsonb       not null
);
create index incident_timeline_incident on incident_timeline (incident_id, at);
