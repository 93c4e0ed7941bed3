-- What else Entra ID records about accounts, beside sign-ins: directory audits (/v1.0/auditLogs/directoryAudits) and,
-- for Entra ID P2 tenants, risk detections (/v1.0/identityProtection/riskDetections). One table for both: the
-- post-compromise view and the Sigma rules read them by account and time alike.
create table activity_record (
    id                bigint generated always as identity primary key,
    organization_id   uuid        not null,
    managed_tenant_id uuid        not null,
    source            text        not null check (source in ('directoryAudit', 'riskDetection')),
    graph_id          text        not null,
    occurred_at       timestamptz not null,
    -- activityDisplayName of an audit, riskEventType of a risk detection
    activity          text        not null,
    category          text,
    -- an audit's result (success, failure), a risk detection's riskLevel
    result            text,
    actor_user_id     text,
    actor_upn         text,
    actor_app         text,
    ip_address        inet,
    -- the accounts the record is about: the acting user and every targeted user (audits), the user (risk detections)
    account_ids       text[]      not null default '{}',
    record            jsonb       not null,
    ingested_at       timestamptz not null,
    constraint activity_record_graph_id_unique unique (managed_tenant_id, source, graph_id)
);
create index activity_record_org_time on activity_record (organization_id, occurred_at desc);
create index activity_record_accounts on activity_record using gin (account_ids);
create index activity_record_tenant_time on activity_record (managed_tenant_id, occurred_at desc);

do $$
begin
    alter table activity_record alter column record set compression lz4;
exception
    when feature_not_supported then
        raise notice 'lz4 is not available on this server: activity records stay compressed with pglz';
end
$$;

alter table activity_record enable row level security;
alter table activity_record force row level security;
create policy activity_record_isolation on activity_record
    using ((select vigil_acts_for_all())
           or (organization_id = (select vigil_scope_organization())
               and ((select vigil_scope_tenants()) is null or managed_tenant_id = any ((select vigil_scope_tenants())::uuid[]))))
    with check ((select vigil_acts_for_all()) or organization_id = (select vigil_scope_organization()));

-- A source a tenant refuses (no Entra ID P2 for risk detections, a permission not granted) is marked on its cursor
-- alone: the tenant's other sources keep flowing.
alter table ingest_cursor add column refused_until timestamptz;
alter table ingest_cursor add column refused_reason text;

-- The post-compromise review of an incident: when Vigil found the account's activity after the suspicious sign-in
-- and raised the severity (once), and what the severity was before.
alter table incident add column post_compromise_at timestamptz;
alter table incident add column severity_before_post_compromise text;
