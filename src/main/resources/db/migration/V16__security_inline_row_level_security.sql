-- The row-level security predicates of the busiest tables, written inline instead of through functions, so the
-- planner folds the connection's identity once per query instead of calling a function per row (the incident
-- queue scans tens of thousands of rows for its counts). Same meaning as V9.
drop policy incident_isolation on incident;
create policy incident_isolation on incident
    using (current_setting('vigil.organization', true) = '*'
           or (organization_id = nullif(current_setting('vigil.organization', true), '*')::uuid
               and (current_setting('vigil.tenants', true) = '*'
                    or managed_tenant_id = any (string_to_array(nullif(current_setting('vigil.tenants', true), '*'), ',')::uuid[]))))
    with check (current_setting('vigil.organization', true) = '*'
                or organization_id = nullif(current_setting('vigil.organization', true), '*')::uuid);

drop policy incident_sign_in_isolation on incident_sign_in;
create policy incident_sign_in_isolation on incident_sign_in
    using (current_setting('vigil.organization', true) = '*'
           or (organization_id = nullif(current_setting('vigil.organization', true), '*')::uuid
               and (current_setting('vigil.tenants', true) = '*'
                    or managed_tenant_id = any (string_to_array(nullif(current_setting('vigil.tenants', true), '*'), ',')::uuid[]))))
    with check (current_setting('vigil.organization', true) = '*'
                or organization_id = nullif(current_setting('vigil.organization', true), '*')::uuid);

drop policy sign_in_isolation on sign_in;
create policy sign_in_isolation on sign_in
    using (current_setting('vigil.organization', true) = '*'
           or (organization_id = nullif(current_setting('vigil.organization', true), '*')::uuid
               and (current_setting('vigil.tenants', true) = '*'
                    or managed_tenant_id = any (string_to_array(nullif(current_setting('vigil.tenants', true), '*'), ',')::uuid[]))))
    with check (current_setting('vigil.organization', true) = '*'
                or organization_id = nullif(current_setting('vigil.organization', true), '*')::uuid);

create index incident_status_counts on incident (organization_id, status, managed_tenant_id);
