-- An account's state follows its sessions: disabled accounts cannot sign in, and every change that must end the
-- sessions of an account (disabled, password or second factor reset, "end sessions", a new password of its own)
-- moves its session epoch on; sessions signed in under an older epoch end at their next request.
alter table user_account add column disabled boolean not null default false;
alter table user_account add column session_epoch integer not null default 0;
