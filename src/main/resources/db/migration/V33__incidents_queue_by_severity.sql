-- The queue's "most severe" order reads this index in order (the expression is IncidentRepository.SEVERITY_RANK).
create index if not exists incident_queue_severity on incident (organization_id,
    (case severity when 'CRITICAL' then 5 when 'HIGH' then 4 when 'MEDIUM' then 3 when 'LOW' then 2 else 1 end) desc,
    last_seen desc, id desc);
