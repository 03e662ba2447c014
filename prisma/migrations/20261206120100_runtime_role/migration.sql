-- Least privilege (issue 12, ADR 031). The role that runs these migrations owns every table. The app connects as
-- a login role that is a member of fast_track_runtime, which may read and write rows and nothing more: it cannot
-- change the schema, disable a trigger, truncate a table, or update or delete audit and evidence rows. Grants,
-- not trust: a bug or an injected statement in the app cannot rewrite history.
-- The group role is cluster-wide; creating it needs CREATEROLE, so a deployment whose migration role lacks that
-- creates it beforehand (README: "Using your own PostgreSQL").
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'fast_track_runtime') THEN
    CREATE ROLE fast_track_runtime NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
  END IF;
END;
$$;

-- Only the owner creates objects in the app's schema (PostgreSQL 15 and later already refuse PUBLIC; older
-- clusters granted it). The schema may belong to someone else (pg_database_owner): then leave it be.
DO $$
BEGIN
  REVOKE CREATE ON SCHEMA public FROM PUBLIC;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'not the owner of schema public: CREATE was left as it was';
END;
$$;

GRANT USAGE ON SCHEMA public TO fast_track_runtime;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO fast_track_runtime;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO fast_track_runtime;
-- Tables and sequences the owner creates later get the same grants (other migrations need not repeat them); a
-- later append-only table revokes UPDATE and DELETE as below.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO fast_track_runtime;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO fast_track_runtime;

-- Append-only for the app: the audit log, and the evidence a prosecution rests on (frozen register extracts,
-- letters as sent, the daily job's decisions, the history of changed marks). Erasure under the retention
-- schedule goes through the owner's SECURITY DEFINER functions, which check legal holds (ADR 034).
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log, evidence_snapshot, case_letter, case_decision, attendance_mark_change
  FROM fast_track_runtime;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_chain_checkpoint, schema_migration FROM fast_track_runtime;
-- What the app never writes: the national code table (generated from lib/domain) and the penalty notice scheme.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON attendance_code, penalty_notice_scheme FROM fast_track_runtime;
