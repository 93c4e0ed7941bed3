-- People who sign in to Vigil. Staff of an organization (MSP) see all its tenants unless tenant_scope limits them;
-- a customer tenant admin's scope is exactly their tenant.
create table user_account (
    id              uuid primary key,
    organization_id uuid        not null references organization (id),
    email           text        not null,
    display_name    text        not null,
    password_hash   text        not null,
    role            text        not null,
    tenant_scope    uuid[],
    totp_secret     bytea,
    totp_enabled    boolean     not null default false,
    totp_last_step  bigint,
    failed_logins   integer     not null default 0,
    locked_until    timestamptz,
    demo            boolean     not null default false,
    created_at      timestamptz not null
);
create unique index user_account_email on user_account (lower(email));

create table recovery_code (
    user_id   uuid        not null references user_account (id) on delete cascade,
    code_hash text        not null,
    used_at   timestamptz,
    primary key (user_id, code_hash)
);

-- One-time links that set up the first administrator (only the hash is stored).
create table setup_token (
    token_hash bytea primary key,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz
);

-- Security-relevant events. Append-only: the trigger refuses updates and deletes, whoever asks.
create table audit_log (
    id              bigint generated always as identity primary key,
    organization_id uuid,
    at              timestamptz not null,
    actor           text        not null,
    action          text        not null,
    target          text,
    outcome         text        not null,
    detail          jsonb       not null default '{}',
    source_ip       text
);
create index audit_log_org_time on audit_log (organization_id, at desc);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only';
end
$$;
create trigger audit_log_append_only before update or delete or truncate on audit_log
    for each statement execute function audit_log_append_only();
