-- "Was this you?": the question sent to the affected user, and whether it was answered or timed out.
create table user_question (
    id                uuid primary key,
    organization_id   uuid        not null,
    managed_tenant_id uuid        not null,
    incident_id       uuid        not null references incident (id) on delete cascade,
    recipient         text        not null,
    asked_by          text        not null,
    asked_at          timestamptz not null,
    deadline          timestamptz not null,
    closed_at         timestamptz
);
create index user_question_open on user_question (deadline) where closed_at is null;

alter table user_question enable row level security;
alter table user_question force row level security;
create policy user_question_isolation on user_question
    using (vigil_may_see_tenant(organization_id, managed_tenant_id)) with check (vigil_may_see(organization_id));
