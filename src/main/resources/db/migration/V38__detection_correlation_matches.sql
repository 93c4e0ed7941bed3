-- Matches of rules that Sigma correlation rules correlate, kept by correlation and group, so a correlation holds
-- across pages, polls and replicas: every replica counts what all of them stored. A sign-in is kept once per
-- correlation and rule, however often its page is delivered.
create table correlation_match (
    organization_id   uuid        not null,
    managed_tenant_id uuid        not null,
    correlation_id    text        not null,
    rule_id           text        not null,
    group_key         text        not null,
    value             text,
    sign_in_id        bigint      not null,
    at                timestamptz not null,
    primary key (correlation_id, rule_id, sign_in_id)
);
create index correlation_match_group on correlation_match (managed_tenant_id, correlation_id, group_key, at);

alter table correlation_match enable row level security;
alter table correlation_match force row level security;
create policy correlation_match_isolation on correlation_match
    using ((select vigil_acts_for_all())
           or (organization_id = (select vigil_scope_organization())
               and ((select vigil_scope_tenants()) is null or managed_tenant_id = any ((select vigil_scope_tenants())::uuid[]))))
    with check ((select vigil_acts_for_all()) or organization_id = (select vigil_scope_organization()));
