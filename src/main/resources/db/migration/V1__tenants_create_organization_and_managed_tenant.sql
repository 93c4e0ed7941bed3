-- Organization: an MSP using Vigil. ManagedTenant: an Entra directory the MSP manages.
create table organization (
    id         uuid primary key,
    name       text        not null,
    created_at timestamptz not null
);

-- The MSP's multi-tenant Entra app registration. The client secret is stored encrypted
-- (AES-256-GCM, key from the environment), never in plain text.
create table graph_app_registration (
    id                       uuid primary key,
    organization_id          uuid        not null references organization (id),
    client_id                text        not null,
    client_secret_ciphertext bytea       not null,
    created_at               timestamptz not null,
    unique (organization_id, client_id)
);

create table managed_tenant (
    id                  uuid primary key,
    organization_id     uuid        not null references organization (id),
    entra_tenant_id     text        not null,
    display_name        text        not null,
    app_registration_id uuid        not null references graph_app_registration (id),
    status              text        not null,
    status_reason       text,
    status_changed_at   timestamptz not null,
    connected_at        timestamptz not null,
    unique (organization_id, entra_tenant_id),
    unique (organization_id, id)
);
