-- Evidence of incidents raised by rules that read directory audits or risk detections: the matching records, as
-- incident_sign_in holds the matching sign-ins.
create table incident_activity (
    incident_id        uuid        not null references incident (id) on delete cascade,
    organization_id    uuid        not null,
    managed_tenant_id  uuid        not null,
    rule_id            text        not null,
    activity_record_id bigint      not null,
    graph_id           text        not null,
    occurred_at        timestamptz not null,
    ip_address         inet,
    evidence           jsonb       not null,
    added_at           timestamptz not null,
    primary key (incident_id, activity_record_id),
    -- a record redelivered to detection never joins an incident of the same rule twice
    constraint incident_activity_once unique (activity_record_id, rule_id)
);
create index incident_activity_org on incident_activity (organization_id, incident_id, occurred_at);

alter table incident_activity enable row level security;
alter table incident_activity force row level security;
create policy incident_activity_isolation on incident_activity
    using ((select vigil_acts_for_all())
           or (organization_id = (select vigil_scope_organization())
               and ((select vigil_scope_tenants()) is null or managed_tenant_id = any ((select vigil_scope_tenants())::uuid[]))))
    with check ((select vigil_acts_for_all()) or organization_id = (select vigil_scope_organization()));
