-- Sign-ins by day, each record compressed by Vigil, kept for each organization's retention.
--
-- * Range partitions by created_at, one per day (SignInPartitions creates them ahead and drops them when every
--   organization's retention has passed; rows of organizations that keep less are deleted from the older days). A
--   default partition catches a sign-in dated outside the days created (clock skew, a very late event); the job moves
--   such rows into their day when it creates it.
-- * The record is the normalized Graph JSON, compressed with zstd in the application (a dictionary trained on the
--   organization's own records: about 200 bytes instead of 7 KB), stored as bytea. The database no longer parses or
--   compresses it; rows stay under the TOAST threshold. Records copied from before are their UTF-8 JSON (first byte
--   '{'), which the application reads as such.
-- * Only the columns that queries filter or group on stay columns; the rest is read from the record.
-- * sign_in_kept keeps the sign-ins that incidents cite when their day is dropped.

create sequence sign_in_row_id;
select setval('sign_in_row_id', coalesce((select max(id) from sign_in), 0) + 1, false);

create table sign_in_dictionary (
    id              integer generated always as identity primary key,
    organization_id uuid        not null,
    trained_at      timestamptz not null,
    samples         integer     not null,
    dictionary      bytea       not null
);
create index sign_in_dictionary_org on sign_in_dictionary (organization_id, trained_at desc);

create table sign_in_partitioned (
    id                bigint      not null default nextval('sign_in_row_id'),
    organization_id   uuid        not null,
    managed_tenant_id uuid        not null,
    graph_id          text        not null,
    created_at        timestamptz not null,
    event_type        text        not null,
    user_id           text,
    user_principal_name text,
    ip_address        inet,
    country           text,
    city              text,
    asn               integer,
    error_code        integer,
    latitude          double precision,
    longitude         double precision,
    ingested_at       timestamptz not null,
    record_dictionary integer,
    record            bytea       not null,
    primary key (id, created_at),
    -- Graph redelivers events (overlapping windows, documented duplicates): its id is the dedup key; a redelivered
    -- event keeps its time, so the partition key may be part of the key.
    constraint sign_in_dedup unique (managed_tenant_id, graph_id, created_at)
) partition by range (created_at);
alter table sign_in_partitioned alter column record set storage external;

create table sign_in_default partition of sign_in_partitioned default;

create temporary table sign_in_copied as
select id, organization_id, managed_tenant_id, graph_id, created_at, event_type, user_id, user_principal_name,
    ip_address, country, city, asn, error_code,
    case when jsonb_typeof(record #> '{location,geoCoordinates,latitude}') = 'number'
         then (record #>> '{location,geoCoordinates,latitude}')::float8 end as latitude,
    case when jsonb_typeof(record #> '{location,geoCoordinates,longitude}') = 'number'
         then (record #>> '{location,geoCoordinates,longitude}')::float8 end as longitude,
    ingested_at, convert_to(record::text, 'UTF8') as record
from sign_in;

drop table sign_in;
alter table sign_in_partitioned rename to sign_in;
alter sequence sign_in_row_id owned by sign_in.id;
do $$
begin
    if exists (select 1 from pg_roles where rolname = 'vigil_app') then
        revoke all on table sign_in_default from vigil_app;
    end if;
end
$$;

-- Creates the partition for one day (UTC) unless it exists; rows the default partition caught for that day move into
-- it. Partitions are reached through sign_in alone, whose policy guards them: the people's role may not read one
-- directly.
create function vigil_sign_in_day(day date) returns boolean language plpgsql as $$
declare
    name text := 'sign_in_' || to_char(day, 'YYYYMMDD');
    low  timestamptz := day::timestamp at time zone 'UTC';
    high timestamptz := (day + 1)::timestamp at time zone 'UTC';
begin
    if to_regclass(name) is not null then
        return false;
    end if;
    create temporary table sign_in_moving on commit drop as
        with moved as (delete from sign_in_default where created_at >= low and created_at < high returning *)
        select * from moved;
    execute format('create table %I partition of sign_in for values from (%L) to (%L)', name, low, high);
    if exists (select 1 from pg_roles where rolname = 'vigil_app') then
        execute format('revoke all on table %I from vigil_app', name);
    end if;
    insert into sign_in select * from sign_in_moving;
    drop table sign_in_moving;
    return true;
end
$$;

-- Days that hold rows already, and the week ahead.
do $$
declare
    day date := coalesce((select min(created_at) at time zone 'UTC' from sign_in_copied)::date, current_date - 1);
begin
    day := greatest(day, current_date - 400);
    while day <= current_date + 7 loop
        perform vigil_sign_in_day(day);
        day := day + 1;
    end loop;
end
$$;

insert into sign_in (id, organization_id, managed_tenant_id, graph_id, created_at, event_type, user_id,
    user_principal_name, ip_address, country, city, asn, error_code, latitude, longitude, ingested_at, record)
select id, organization_id, managed_tenant_id, graph_id, created_at, event_type, user_id, user_principal_name,
    ip_address, country, city, asn, error_code, latitude, longitude, ingested_at, record
from sign_in_copied;
drop table sign_in_copied;

create index sign_in_tenant_time on sign_in (managed_tenant_id, created_at);
create index sign_in_tenant_user_time on sign_in (managed_tenant_id, user_id, created_at);
create index sign_in_org_ip on sign_in (organization_id, ip_address);
create index sign_in_password_failures_by_address on sign_in (managed_tenant_id, ip_address, created_at)
    where error_code in (50126, 50053, 50034);
create index sign_in_password_failures_by_network on sign_in (managed_tenant_id, asn, created_at)
    where error_code in (50126, 50053, 50034);

-- The sign-ins incidents cite, copied here before their day is dropped, for as long as an incident cites them.
create table sign_in_kept (like sign_in including defaults including storage);
alter table sign_in_kept add primary key (id);
create index sign_in_kept_tenant on sign_in_kept (managed_tenant_id);

-- How long each organization keeps its sign-ins, audits and risk detections (absent: the operator's default).
create table ingest_retention (
    organization_id uuid primary key,
    sign_in_days    integer     not null check (sign_in_days > 0),
    changed_at      timestamptz not null,
    changed_by      text        not null
);

do $$
declare
    t text;
begin
    foreach t in array array['sign_in', 'sign_in_kept', 'sign_in_dictionary', 'ingest_retention'] loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
    end loop;
end
$$;

create policy sign_in_isolation on sign_in
    using ((select vigil_acts_for_all())
           or (organization_id = (select vigil_scope_organization())
               and ((select vigil_scope_tenants()) is null or managed_tenant_id = any ((select vigil_scope_tenants())::uuid[]))))
    with check ((select vigil_acts_for_all()) or organization_id = (select vigil_scope_organization()));
create policy sign_in_kept_isolation on sign_in_kept
    using ((select vigil_acts_for_all())
           or (organization_id = (select vigil_scope_organization())
               and ((select vigil_scope_tenants()) is null or managed_tenant_id = any ((select vigil_scope_tenants())::uuid[]))))
    with check ((select vigil_acts_for_all()) or organization_id = (select vigil_scope_organization()));
create policy sign_in_dictionary_isolation on sign_in_dictionary
    using ((select vigil_acts_for_all()) or organization_id = (select vigil_scope_organization()))
    with check ((select vigil_acts_for_all()) or organization_id = (select vigil_scope_organization()));
create policy ingest_retention_isolation on ingest_retention
    using ((select vigil_acts_for_all()) or organization_id = (select vigil_scope_organization()))
    with check ((select vigil_acts_for_all()) or organization_id = (select vigil_scope_organization()));
