-- What an event causes is audited once: a redelivered event (after a crash or a failed listener) adds no second line.
alter table audit_log add column event_id uuid;
create unique index audit_log_event on audit_log (event_id, action) where event_id is not null;
