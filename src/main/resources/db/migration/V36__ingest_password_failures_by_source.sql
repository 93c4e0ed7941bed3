-- Behavioural rules count the accounts failing a password from one address or network (a password spray) for every
-- ingested page: these partial indexes hold only such failures (wrong password, smart lockout, no such user), a
-- small share of all sign-ins, so the count stays cheap however large the log grows.
create index sign_in_password_failures_by_address on sign_in (managed_tenant_id, ip_address, created_at)
    where error_code in (50126, 50053, 50034);
create index sign_in_password_failures_by_network on sign_in (managed_tenant_id, asn, created_at)
    where error_code in (50126, 50053, 50034);
