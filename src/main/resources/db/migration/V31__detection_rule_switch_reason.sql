-- Switching a rule off in a tenant says why: the rules page shows it beside the switch, the audit log keeps it.
alter table detection_rule_setting add column reason text;
