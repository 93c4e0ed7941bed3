-- Single sign-on binds an account to Entra's immutable identifiers (tenant id + object id) at an explicit linking
-- by the signed-in person; the email claim no longer decides who signs in.
alter table user_account add column sso_entra_tenant_id text;
alter table user_account add column sso_object_id text;
create unique index user_account_sso_identity on user_account (sso_entra_tenant_id, sso_object_id)
    where sso_object_id is not null;

-- A domain proves nothing and routes nothing any more (sign-in finds the organization through the linked account),
-- so no organization can claim another's domain first.
drop index if exists organization_sso_domain;
