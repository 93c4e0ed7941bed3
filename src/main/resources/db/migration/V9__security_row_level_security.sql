-- Row-level security: a second wall behind the application's own organization and tenant filters.
-- Each connection says whom it acts for (RowSecurityDataSource): a signed-in person's organization and tenants, or
-- '*' for Vigil itself (pollers, detection, sign-in). A connection that says nothing sees nothing.

create function vigil_may_see(organization uuid) returns boolean language sql stable as $$
    select current_setting('vigil.organization', true) = '*'
        or organization::text = current_setting('vigil.organization', true)
$$;

create function vigil_may_see_tenant(organization uuid, tenant uuid) returns boolean language sql stable as $$
    select current_setting('vigil.organization', true) = '*'
        or (organization::text = current_setting('vigil.organization', true)
            and (current_setting('vigil.tenants', true) = '*'
                 or tenant::text = any (string_to_array(current_setting('vigil.tenants', true), ','))))
$$;

-- The role requests of signed-in people run as (SET ROLE), so that RLS applies even when Vigil connects as the
-- tables' owner or a superuser (as the embedded server does). Created where the migrating user may create roles.
do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'vigil_app') then
        if (select rolsuper or rolcreaterole from pg_roles where rolname = current_user) then
            create role vigil_app nologin;
        else
            raise notice 'role vigil_app not created: connect Vigil as a role without BYPASSRLS for row-level security';
        end if;
    end if;
    if exists (select 1 from pg_roles where rolname = 'vigil_app') then
        execute format('grant usage on schema %I to vigil_app', current_schema());
        execute format('grant select, insert, update, delete on all tables in schema %I to vigil_app', current_schema());
        execute format('grant usage, select on all sequences in schema %I to vigil_app', current_schema());
        execute format('alter default privileges in schema %I grant select, insert, update, delete on tables to vigil_app', current_schema());
        execute format('alter default privileges in schema %I grant usage, select on sequences to vigil_app', current_schema());
        if not pg_has_role(current_user, 'vigil_app', 'member') then
            execute format('grant vigil_app to %I', current_user);
        end if;
    end if;
end
$$;

alter table organization enable row level security;
alter table organization force row level security;
create policy organization_isolation on organization using (vigil_may_see(id)) with check (vigil_may_see(id));

alter table graph_app_registration enable row level security;
alter table graph_app_registration force row level security;
create policy graph_app_registration_isolation on graph_app_registration
    using (vigil_may_see(organization_id)) with check (vigil_may_see(organization_id));

alter table managed_tenant enable row level security;
alter table managed_tenant force row level security;
create policy managed_tenant_isolation on managed_tenant
    using (vigil_may_see_tenant(organization_id, id)) with check (vigil_may_see(organization_id));

alter table sign_in enable row level security;
alter table sign_in force row level security;
create policy sign_in_isolation on sign_in
    using (vigil_may_see_tenant(organization_id, managed_tenant_id)) with check (vigil_may_see(organization_id));

alter table sign_in_quarantine enable row level security;
alter table sign_in_quarantine force row level security;
create policy sign_in_quarantine_isolation on sign_in_quarantine
    using (vigil_may_see_tenant(organization_id, managed_tenant_id)) with check (vigil_may_see(organization_id));

alter table ingest_cursor enable row level security;
alter table ingest_cursor force row level security;
create policy ingest_cursor_isolation on ingest_cursor
    using (vigil_may_see_tenant(organization_id, managed_tenant_id)) with check (vigil_may_see(organization_id));

alter table ingest_tenant_state enable row level security;
alter table ingest_tenant_state force row level security;
create policy ingest_tenant_state_isolation on ingest_tenant_state
    using (vigil_may_see_tenant(organization_id, managed_tenant_id)) with check (vigil_may_see(organization_id));

alter table incident enable row level security;
alter table incident force row level security;
create policy incident_isolation on incident
    using (vigil_may_see_tenant(organization_id, managed_tenant_id)) with check (vigil_may_see(organization_id));

alter table incident_sign_in enable row level security;
alter table incident_sign_in force row level security;
create policy incident_sign_in_isolation on incident_sign_in
    using (vigil_may_see_tenant(organization_id, managed_tenant_id)) with check (vigil_may_see(organization_id));

alter table incident_timeline enable row level security;
alter table incident_timeline force row level security;
create policy incident_timeline_isolation on incident_timeline
    using (vigil_may_see(organization_id) and exists (select 1 from incident i where i.id = incident_id))
    with check (vigil_may_see(organization_id));

alter table detection_placeholder enable row level security;
alter table detection_placeholder force row level security;
create policy detection_placeholder_isolation on detection_placeholder
    using (vigil_may_see_tenant(organization_id, managed_tenant_id)) with check (vigil_may_see(organization_id));

alter table user_account enable row level security;
alter table user_account force row level security;
create policy user_account_isolation on user_account
    using (vigil_may_see(organization_id)) with check (vigil_may_see(organization_id));

alter table recovery_code enable row level security;
alter table recovery_code force row level security;
create policy recovery_code_isolation on recovery_code
    using (exists (select 1 from user_account u where u.id = user_id))
    with check (exists (select 1 from user_account u where u.id = user_id));

alter table audit_log enable row level security;
alter table audit_log force row level security;
-- entries without an organization (an unknown account's failed sign-in) are Vigil's own
create policy audit_log_isolation on audit_log
    using (vigil_may_see(organization_id)) with check (vigil_may_see(organization_id) or organization_id is null);
