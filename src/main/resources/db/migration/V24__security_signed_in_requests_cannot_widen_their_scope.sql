-- Requests of signed-in people run on their own login role, vigil_app (RowSecurityDataSource), which owns nothing,
-- bypasses nothing and is a member of no other role: RESET ROLE or SET ROLE lead nowhere. Their scope (organization
-- and tenants) is set per connection as a signed value, 'organization|tenants|mac' in vigil.scope, and the policies
-- read it only through vigil_scope_verified(), which checks the MAC with a key that role cannot read: a
-- set_config() of its own widens nothing, it ends the scope. Connections of Vigil itself (pollers, listeners,
-- sign-in) are the owner's, which alone may act for every organization ('*').

create table row_security_key (
    id  integer primary key check (id = 1),
    key bytea   not null
);

do $do$
begin
    execute format($f$
        create function vigil_scope_verified() returns text language plpgsql stable security definer
        set search_path = %I as $body$
        declare
            scope   text := current_setting('vigil.scope', true);
            payload text;
            secret  bytea;
        begin
            if scope is null or length(scope) < 66 then
                return null;
            end if;
            payload := left(scope, length(scope) - 65);
            select key into secret from row_security_key where id = 1;
            if secret is null then
                return null;
            end if;
            if encode(sha256(secret || sha256(secret || convert_to(payload, 'UTF8'))), 'hex') = right(scope, 64) then
                return payload;
            end if;
            return null;
        end
        $body$$f$, current_schema());
end
$do$;

-- Vigil itself: only a connection that is not vigil_app's may act for everyone.
create function vigil_acts_for_all() returns boolean language sql stable as $$
    select session_user <> 'vigil_app' and current_setting('vigil.organization', true) = '*'
$$;

create function vigil_scope_organization() returns uuid language sql stable as $$
    select case when session_user = 'vigil_app'
                then nullif(split_part(vigil_scope_verified(), '|', 1), '')::uuid
                else nullif(nullif(current_setting('vigil.organization', true), '*'), '')::uuid end
$$;

-- The tenants of the scope; null: every tenant of the organization.
create function vigil_scope_tenants() returns uuid[] language sql stable as $$
    select case when t is null or t = '*' then null
                when t = '' then '{}'::uuid[]
                else string_to_array(t, ',')::uuid[] end
    from (select case when session_user = 'vigil_app' then split_part(vigil_scope_verified(), '|', 2)
                      else current_setting('vigil.tenants', true) end as t) scope
$$;

-- The functions the V9 policies call, now on the verified scope. The sub-selects are evaluated once per query.
create or replace function vigil_may_see(organization uuid) returns boolean language sql stable as $$
    select (select vigil_acts_for_all()) or organization = (select vigil_scope_organization())
$$;

create or replace function vigil_may_see_tenant(organization uuid, tenant uuid) returns boolean language sql stable as $$
    select (select vigil_acts_for_all())
        or (organization = (select vigil_scope_organization())
            and ((select vigil_scope_tenants()) is null or tenant = any ((select vigil_scope_tenants())::uuid[])))
$$;

-- The inline policies of V16, on the verified scope.
drop policy incident_isolation on incident;
create policy incident_isolation on incident
    using ((select vigil_acts_for_all())
           or (organization_id = (select vigil_scope_organization())
               and ((select vigil_scope_tenants()) is null or managed_tenant_id = any ((select vigil_scope_tenants())::uuid[]))))
    with check ((select vigil_acts_for_all()) or organization_id = (select vigil_scope_organization()));

drop policy incident_sign_in_isolation on incident_sign_in;
create policy incident_sign_in_isolation on incident_sign_in
    using ((select vigil_acts_for_all())
           or (organization_id = (select vigil_scope_organization())
               and ((select vigil_scope_tenants()) is null or managed_tenant_id = any ((select vigil_scope_tenants())::uuid[]))))
    with check ((select vigil_acts_for_all()) or organization_id = (select vigil_scope_organization()));

drop policy sign_in_isolation on sign_in;
create policy sign_in_isolation on sign_in
    using ((select vigil_acts_for_all())
           or (organization_id = (select vigil_scope_organization())
               and ((select vigil_scope_tenants()) is null or managed_tenant_id = any ((select vigil_scope_tenants())::uuid[]))))
    with check ((select vigil_acts_for_all()) or organization_id = (select vigil_scope_organization()));

-- An audit entry without an organization is Vigil's own: a signed-in person's connection cannot write one.
drop policy audit_log_isolation on audit_log;
create policy audit_log_isolation on audit_log
    using (vigil_may_see(organization_id)) with check (vigil_may_see(organization_id));

-- V20's account search, on the verified scope.
do $do$
begin
    execute format($f$
        create or replace function vigil_incidents_by_account(pattern text) returns setof uuid language sql stable
        security definer set search_path = %I as $body$
            select incident_id from incident_account_text
            where account like lower(pattern)
              and (vigil_acts_for_all()
                   or (organization_id = vigil_scope_organization()
                       and (vigil_scope_tenants() is null or managed_tenant_id = any (vigil_scope_tenants()))))
        $body$$f$, current_schema());
end
$do$;

-- Event publications: a signed-in person's request publishes events (insert) and reads or changes none.
alter table event_publication enable row level security;
alter table event_publication force row level security;
create policy event_publication_vigil on event_publication
    using (vigil_acts_for_all()) with check (vigil_acts_for_all());

-- What vigil_app may reach: every table with a policy, and nothing of the rest.
do $do$
begin
    if exists (select 1 from pg_roles where rolname = 'vigil_app') then
        execute format('create policy event_publication_published on %I.event_publication for insert to vigil_app '
                       'with check (true)', current_schema());
        execute format('revoke all on %I.event_publication from vigil_app', current_schema());
        execute format('grant insert on %I.event_publication to vigil_app', current_schema());
        execute format('revoke all on %I.setup_token, %I.graph_budget, %I.row_security_key from vigil_app',
                       current_schema(), current_schema(), current_schema());
        if exists (select 1 from pg_tables where schemaname = current_schema() and tablename = 'flyway_schema_history') then
            execute format('revoke all on %I.flyway_schema_history from vigil_app', current_schema());
        end if;
        execute format('revoke all on function %I.vigil_scope_verified() from public', current_schema());
        execute format('grant execute on function %I.vigil_scope_verified() to vigil_app', current_schema());
    end if;
end
$do$;
