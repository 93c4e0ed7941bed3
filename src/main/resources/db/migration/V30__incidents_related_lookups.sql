-- The incident page lists related incidents: the same account in the same tenant, or a sign-in from the same address.
create index if not exists incident_account on incident (managed_tenant_id, account_id);
create index if not exists incident_sign_in_ip on incident_sign_in (organization_id, ip_address);
