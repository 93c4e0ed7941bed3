-- Searching incidents by a substring of the account could not use the trigram index of V17: under row-level
-- security PostgreSQL applies no user condition before the policy unless it is leakproof, and LIKE is not, so every
-- signed-in search scanned all incidents. The searchable text now lives in a table of its own that only its owner
-- reads, through vigil_incidents_by_account(), which applies the same scoping as the policies (the connection's
-- organization and tenants) as ordinary conditions the planner may combine with the index. The incident query
-- around it keeps its row-level security.
create table incident_account_text (
    incident_id       uuid primary key references incident (id) on delete cascade,
    organization_id   uuid not null,
    managed_tenant_id uuid not null,
    account           text not null
);
alter table incident_account_text enable row level security;
create policy incident_account_text_isolation on incident_account_text
    using (vigil_may_see_tenant(organization_id, managed_tenant_id)) with check (vigil_may_see(organization_id));

insert into incident_account_text (incident_id, organization_id, managed_tenant_id, account)
select id, organization_id, managed_tenant_id, lower(coalesce(account_upn, '') || ' ' || coalesce(account_display_name, ''))
from incident;

do $do$
begin
    if exists (select 1 from pg_extension where extname = 'pg_trgm') then
        create index incident_account_text_trgm on incident_account_text using gin (account gin_trgm_ops);
        drop index if exists incident_account_search; -- V17's, unusable under row-level security
    end if;
    if exists (select 1 from pg_roles where rolname = 'vigil_app') then
        revoke all on incident_account_text from vigil_app;
    end if;

    execute format($f$
        create function vigil_sync_incident_account() returns trigger language plpgsql security definer
        set search_path = %I as $body$
        begin
            insert into incident_account_text (incident_id, organization_id, managed_tenant_id, account)
            values (new.id, new.organization_id, new.managed_tenant_id,
                    lower(coalesce(new.account_upn, '') || ' ' || coalesce(new.account_display_name, '')))
            on conflict (incident_id) do update
                set account = excluded.account, managed_tenant_id = excluded.managed_tenant_id;
            return new;
        end
        $body$$f$, current_schema());

    execute format($f$
        create function vigil_incidents_by_account(pattern text) returns setof uuid language sql stable
        security definer set search_path = %I as $body$
            select incident_id from incident_account_text
            where account like lower(pattern)
              and (current_setting('vigil.organization', true) = '*'
                   or (organization_id = nullif(current_setting('vigil.organization', true), '*')::uuid
                       and (current_setting('vigil.tenants', true) = '*'
                            or managed_tenant_id = any (string_to_array(
                                   nullif(current_setting('vigil.tenants', true), '*'), ',')::uuid[]))))
        $body$$f$, current_schema());
end
$do$;

create trigger incident_account_text_sync
    after insert or update of account_upn, account_display_name, managed_tenant_id on incident
    for each row execute function vigil_sync_incident_account();
