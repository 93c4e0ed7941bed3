-- lz4 compresses the normalized records several times faster than the default pglz, at a similar ratio;
-- ingest spends much of its database time compressing them. Servers built without lz4 keep pglz.
do $$
begin
    alter table sign_in alter column record set compression lz4;
exception
    when feature_not_supported then
        raise notice 'lz4 is not available on this server: sign-in records stay compressed with pglz';
end
$$;
