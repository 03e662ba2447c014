-- The audit chain's head lookup keeps its index (20261206140100_audit_chain_head_by_index). The retention migration
-- (20261206235913) re-created audit_log_append() with CREATE OR REPLACE FUNCTION, which drops the function's SET
-- options, so the setting that keeps the daily job's audit inserts from reading the whole log was lost on every
-- database migrated past it (lib/server/audit-chain-plan.int.test.ts found it). A function re-created later must
-- keep this line after it.
ALTER FUNCTION audit_log_append() SET enable_seqscan = off;
