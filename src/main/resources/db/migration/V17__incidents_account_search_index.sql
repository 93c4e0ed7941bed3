-- The queue's search by account (a substring of the UPN or name) with a trigram index where pg_trgm is available
-- (a trusted extension since PostgreSQL 13); without it the search still works, scanning.
do $$
begin
    if exists (select 1 from pg_available_extensions where name = 'pg_trgm') then
        create extension if not exists pg_trgm;
        create index incident_account_search on incident
            using gin (account_upn gin_trgm_ops, account_display_name gin_trgm_ops);
    else
        raise notice 'pg_trgm is not available: searching incidents by account scans';
    end if;
end
$$;
