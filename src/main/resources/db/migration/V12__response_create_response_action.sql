-- Containment actions on customer tenants' users: requested once per idempotency key (a double click or a retried
-- request executes nothing twice), their outcome, and the second approval privileged targets need.
create table response_action (
    id                uuid primary key,
    organization_id   uuid        not null references organization (id),
    managed_tenant_id uuid        not null,
    incident_id       uuid,
    idempotency_key   text        not null,
    action            text        not null,
    target_user_id    text        not null,
    target_upn        text,
    target_privileged boolean     not null default false,
    status            text        not null,
    message           text,
    requested_by      text        not null,
    approved_by       text,
    requested_at      timestamptz not null,
    completed_at      timestamptz,
    unique (organization_id, idempotency_key)
);
create index response_action_incident on response_action (organization_id, incident_id, requested_at);

alter table response_action enable row level security;
alter table response_action force row level security;
create policy response_action_isolation on response_action
    using (vigil_may_see_tenant(organization_id, managed_tenant_id)) with check (vigil_may_see(organization_id));
