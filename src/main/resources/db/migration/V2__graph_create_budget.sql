-- Cluster-wide Graph request budget: a sliding-window log per bucket (one per app registration, one per
-- Entra tenant). Every replica takes its requests from these rows, so the limits hold however many run.
create table graph_budget (
    bucket        text primary key,
    recent        timestamptz[] not null default '{}',
    blocked_until timestamptz
);
