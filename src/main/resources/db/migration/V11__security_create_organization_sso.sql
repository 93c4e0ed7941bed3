-- Single sign-on with Entra ID for an organization that configures it: its own Entra tenant and app registration
-- (the client secret encrypted), and the email domain whose people sign in that way.
create table organization_sso (
    organization_id  uuid primary key references organization (id),
    entra_tenant_id  text        not null,
    client_id        text        not null,
    client_secret    bytea       not null,
    email_domain     text        not null,
    created_at       timestamptz not null
);
create unique index organization_sso_domain on organization_sso (lower(email_domain));

alter table organization_sso enable row level security;
alter table organization_sso force row level security;
create policy organization_sso_isolation on organization_sso
    using (vigil_may_see(organization_id)) with check (vigil_may_see(organization_id));
