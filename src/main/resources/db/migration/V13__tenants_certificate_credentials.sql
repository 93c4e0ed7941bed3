-- The MSP's app registration signs in with a client secret or a certificate (PEM with its private key); either is
-- stored encrypted in the same column.
alter table graph_app_registration add column credential_type text not null default 'SECRET';
