-- A person's saved queue views: a name and the queue's query string (filters and order), theirs only.
create table saved_queue_view (
    id              uuid primary key,
    organization_id uuid        not null references organization (id),
    user_id         uuid        not null references user_account (id) on delete cascade,
    name            text        not null check (length(name) between 1 and 80),
    query           text        not null check (length(query) <= 2000),
    created_at      timestamptz not null,
    unique (user_id, name)
);

alter table saved_queue_view enable row level security;
alter table saved_queue_view force row level security;
create policy saved_queue_view_isolation on saved_queue_view
    using (vigil_may_see(organization_id)) with check (vigil_may_see(organization_id));
