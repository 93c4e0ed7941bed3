-- Actions on one of the user's things (an authentication method, an Inbox rule) name it: its Graph id, its kind,
-- and what it was in words, so the timeline and the audit still say what was removed after it is gone.
alter table response_action add column subject_id text;
alter table response_action add column subject_kind text;
alter table response_action add column subject_label text;
