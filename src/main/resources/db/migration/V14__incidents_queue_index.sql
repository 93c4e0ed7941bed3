-- The queue pages by (last_seen, id) within an organization.
create index incident_queue_keyset on incident (organization_id, last_seen desc, id desc);
create index incident_sign_in_ip on incident_sign_in (organization_id, ip_address);
