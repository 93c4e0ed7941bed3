-- Sign-ins as Microsoft Graph reported them: extracted columns for rules and the UI,
-- plus the full normalized record (nulls and empty arrays dropped).
create table sign_in (
    id                         bigint generated always as identity primary key,
    organization_id            uuid        not null,
    managed_tenant_id          uuid        not null,
    graph_id                   text        not null,
    created_at                 timestamptz not null,
    event_type                 text        not null,
    user_id                    text,
    user_principal_name        text,
    user_display_name          text,
    app_id                     text,
    app_display_name           text,
    ip_address                 inet,
    country                    text,
    city                       text,
    asn                        integer,
    user_agent                 text,
    client_app_used            text,
    error_code                 integer,
    failure_reason             text,
    conditional_access_status  text,
    authentication_requirement text,
    risk_level_aggregated      text,
    risk_level_during_sign_in  text,
    risk_state                 text,
    risk_detail                text,
    record                     jsonb       not null,
    ingested_at                timestamptz not null,
    -- Graph redelivers events (overlapping windows, documented duplicates): its id is the dedup key.
    constraint sign_in_graph_id_unique unique (managed_tenant_id, graph_id)
);
create index sign_in_org_time on sign_in (organization_id, created_at desc);
create index sign_in_tenant_user_time on sign_in (managed_tenant_id, user_id, created_at desc);
create index sign_in_org_ip on sign_in (organization_id, ip_address);

-- Records Graph sent that Vigil could not read: kept with the error, never dropped.
create table sign_in_quarantine (
    id                bigint generated always as identity primary key,
    organization_id   uuid        not null,
    managed_tenant_id uuid        not null,
    graph_id          text,
    event_type        text        not null,
    raw_record        text        not null,
    raw_sha256        bytea       not null,
    error             text        not null,
    received_at       timestamptz not null,
    unique (managed_tenant_id, raw_sha256)
);

-- Where polling stands per tenant and sign-in event type. A window in progress keeps its nextLink,
-- committed with the page it follows, so a restart resumes exactly where the last commit left off.
create table ingest_cursor (
    managed_tenant_id uuid        not null,
    event_type        text        not null,
    organization_id   uuid        not null,
    watermark         timestamptz not null,
    deep_scanned_at   timestamptz,
    window_from       timestamptz,
    window_to         timestamptz,
    window_deep       boolean     not null default false,
    next_link         text,
    primary key (managed_tenant_id, event_type)
);

-- When each tenant is next due, who holds it (a lease, so replicas share the work) and how it fares.
create table ingest_tenant_state (
    managed_tenant_id    uuid primary key,
    organization_id      uuid        not null,
    next_poll_at         timestamptz not null,
    lease_owner          text,
    lease_until          timestamptz,
    consecutive_failures integer     not null default 0,
    last_error           text,
    last_attempt_at      timestamptz,
    last_success_at      timestamptz
);
create index ingest_tenant_state_due on ingest_tenant_state (next_poll_at);
