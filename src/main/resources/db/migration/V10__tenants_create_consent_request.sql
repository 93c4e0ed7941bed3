-- Admin-consent requests in flight: the state sent to Entra (only its hash), whose organization and which tenant
-- it is for. Completed once; expired after an hour.
create table tenant_consent_request (
    state_hash          bytea primary key,
    organization_id     uuid        not null references organization (id),
    app_registration_id uuid        not null references graph_app_registration (id),
    tenant_hint         text        not null,
    display_name        text        not null,
    requested_by        text        not null,
    created_at          timestamptz not null,
    expires_at          timestamptz not null,
    completed_at        timestamptz
);

alter table tenant_consent_request enable row level security;
alter table tenant_consent_request force row level security;
create policy tenant_consent_request_isolation on tenant_consent_request
    using (vigil_may_see(organization_id)) with check (vigil_may_see(organization_id));
