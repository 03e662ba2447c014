-- The audit chain's head is always found through its index (issue 14, the daily job's regression). The trigger
-- (20261206120000_audit_chain) finds the chain's last row with ORDER BY chain_seq DESC LIMIT 1. PL/pgSQL caches
-- that query's plan per connection; planned while audit_log was small (a new database, a new authority, or
-- statistics taken when the table was nearly empty), the plan is a sequential scan and a sort, and it is kept while
-- the table grows, so each appended row reads every row before it: the daily job's batches of 500 audit rows went
-- from 0.2 s to 0.8 s and beyond as the chain grew (measured, npm run bench -- daily). With sequential scans off
-- inside the trigger function only, every plan it makes uses audit_log_chain_idx (a backward index scan: one row
-- read, whatever the table's size) and audit_chain_checkpoint's unique key.
ALTER FUNCTION audit_log_append() SET enable_seqscan = off;
