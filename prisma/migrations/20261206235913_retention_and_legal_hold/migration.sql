-- Retention and legal hold (issue 12 §4, ADR 039). Each authority keeps a schedule per record type (how many months
-- after its end a record is kept); a legal hold on a case, a pupil or a parent or carer stops all erasure of what
-- it covers; the daily job erases what is past its period, in batches, each ending with a tombstone audit row.
-- The rules live in lib/domain/retention.ts and lib/schemas/retention.ts too. This migration sorts after issue 16's
-- enum domains and the auditor role's domain fix (20261206235912), whose app_user keys its foreign keys use.

-- What an authority chose, per record type; a type with no row keeps the default in lib/domain/retention.ts.
CREATE TABLE retention_schedule (
  authority_id  uuid NOT NULL REFERENCES authority (id),
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  record_type   text NOT NULL CHECK (record_type IN ('closed_case', 'register_marks', 'audit_log', 'failed_sign_in')),
  keep_months   integer NOT NULL CHECK (keep_months BETWEEN 1 AND 1200),
  updated_by    uuid NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (authority_id, id),
  UNIQUE (id, authority_id),
  CONSTRAINT retention_schedule_one_per_type UNIQUE (authority_id, record_type),
  -- Register entries are kept at least 6 years (the 2024 attendance regulations; shared/domain.md §8).
  CONSTRAINT retention_schedule_register_six_years CHECK (record_type <> 'register_marks' OR keep_months >= 72),
  FOREIGN KEY (updated_by, authority_id) REFERENCES app_user (id, authority_id)
);

-- A legal hold (proceedings, a complaint, an inquiry) on exactly one case, pupil or parent or carer. While it is
-- not released nothing it covers is erased: a hold on a pupil or parent covers every case they are in.
CREATE TABLE legal_hold (
  authority_id    uuid NOT NULL REFERENCES authority (id),
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id         uuid,
  pupil_id        uuid,
  parent_id       uuid,
  reason          text NOT NULL CHECK (btrim(reason) <> '' AND length(reason) <= 2000),
  placed_by       uuid NOT NULL,
  placed_at       timestamptz NOT NULL DEFAULT now(),
  released_by     uuid,
  released_at     timestamptz,
  release_reason  text CHECK (btrim(release_reason) <> '' AND length(release_reason) <= 2000),
  PRIMARY KEY (authority_id, id),
  UNIQUE (id, authority_id),
  CONSTRAINT legal_hold_one_subject CHECK (num_nonnulls(case_id, pupil_id, parent_id) = 1),
  CONSTRAINT legal_hold_release_recorded CHECK (
    (released_at IS NULL) = (released_by IS NULL) AND (released_at IS NULL) = (release_reason IS NULL)),
  CONSTRAINT legal_hold_release_after_placing CHECK (released_at IS NULL OR released_at >= placed_at),
  FOREIGN KEY (case_id, authority_id) REFERENCES attendance_case (id, authority_id),
  FOREIGN KEY (pupil_id, authority_id) REFERENCES pupil (id, authority_id),
  FOREIGN KEY (parent_id, authority_id) REFERENCES parent (id, authority_id),
  FOREIGN KEY (placed_by, authority_id) REFERENCES app_user (id, authority_id),
  FOREIGN KEY (released_by, authority_id) REFERENCES app_user (id, authority_id)
);
-- One hold in force per subject.
CREATE UNIQUE INDEX legal_hold_one_in_force ON legal_hold (authority_id, (coalesce(case_id, pupil_id, parent_id)))
  WHERE released_at IS NULL;

-- A hold is released, never edited or removed by the app: the only change is recording its release, once.
CREATE FUNCTION legal_hold_release_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.released_at IS NOT NULL
     OR NEW.released_at IS NULL
     OR (NEW.authority_id, NEW.id, NEW.case_id, NEW.pupil_id, NEW.parent_id, NEW.reason, NEW.placed_by, NEW.placed_at)
        IS DISTINCT FROM
        (OLD.authority_id, OLD.id, OLD.case_id, OLD.pupil_id, OLD.parent_id, OLD.reason, OLD.placed_by, OLD.placed_at)
  THEN
    RAISE EXCEPTION 'a legal hold can only be released, once' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER legal_hold_release_only BEFORE UPDATE ON legal_hold
  FOR EACH ROW EXECUTE FUNCTION legal_hold_release_only();
REVOKE DELETE, TRUNCATE ON legal_hold FROM fast_track_runtime;

-- What stays of an erased audit row: its place in its chain (position, the hash before it and its own hash), its
-- action and time. `audit verify` checks the links through it; the content, the personal data, is gone.
CREATE TABLE audit_log_erased (
  id            bigint PRIMARY KEY,
  authority_id  uuid REFERENCES authority (id),
  chain_seq     bigint NOT NULL CHECK (chain_seq > 0),
  prev_hash     text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  row_hash      text NOT NULL CHECK (row_hash ~ '^[0-9a-f]{64}$'),
  action        text NOT NULL,
  at            timestamptz NOT NULL,
  erased_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX audit_log_erased_chain_idx ON audit_log_erased (authority_id, chain_seq) NULLS NOT DISTINCT;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_log_erased FROM fast_track_runtime;

-- The audit log stays append-only for everyone, except a DELETE made by the retention functions below (they run as
-- the owner and set fast_track.retention_erasure for their transaction). Such a delete leaves the row's link in
-- audit_log_erased, so the chain still verifies. The runtime role has no DELETE on the table at all.
CREATE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('fast_track.retention_erasure', true) = 'on' THEN
    INSERT INTO audit_log_erased (id, authority_id, chain_seq, prev_hash, row_hash, action, at)
    VALUES (OLD.id, OLD.authority_id, OLD.chain_seq, OLD.prev_hash, OLD.row_hash, OLD.action, OLD.at);
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
DROP TRIGGER audit_log_no_update_delete ON audit_log;
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_guard();

-- The frozen evidence (letters as sent, evidence snapshots, s.566 certificates) refuses UPDATE and DELETE for
-- everyone; only the retention function below may delete it, with its closed case. The app's role has no DELETE
-- on these tables (ADR 031; for certificates, which came later, it is revoked here), so the setting gives it nothing.
CREATE OR REPLACE FUNCTION case_letter_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('fast_track.retention_erasure', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'case_letter rows are a record of letters sent: % is not allowed', TG_OP;
END;
$$;
CREATE OR REPLACE FUNCTION evidence_snapshot_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('fast_track.retention_erasure', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'evidence_snapshot rows are frozen: % is not allowed', TG_OP;
END;
$$;
CREATE OR REPLACE FUNCTION attendance_certificate_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('fast_track.retention_erasure', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'attendance_certificate rows are evidence and never change: % is not allowed', TG_OP;
END;
$$;
REVOKE DELETE, TRUNCATE ON attendance_certificate FROM fast_track_runtime;

-- A chain's head may be an erased row (a quiet authority whose last rows were failed sign-ins past their period):
-- the append trigger then continues from it.
CREATE OR REPLACE FUNCTION audit_log_append() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  last_hash text;
  erased_seq bigint;
  erased_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('audit_log'), hashtext(coalesce(NEW.authority_id::text, 'no authority')));
  IF NEW.authority_id IS NULL THEN
    SELECT a.chain_seq, a.row_hash INTO last_seq, last_hash
    FROM audit_log a WHERE a.authority_id IS NULL ORDER BY a.chain_seq DESC LIMIT 1;
    SELECT e.chain_seq, e.row_hash INTO erased_seq, erased_hash
    FROM audit_log_erased e WHERE e.authority_id IS NULL ORDER BY e.chain_seq DESC LIMIT 1;
  ELSE
    SELECT a.chain_seq, a.row_hash INTO last_seq, last_hash
    FROM audit_log a WHERE a.authority_id = NEW.authority_id ORDER BY a.chain_seq DESC LIMIT 1;
    SELECT e.chain_seq, e.row_hash INTO erased_seq, erased_hash
    FROM audit_log_erased e WHERE e.authority_id = NEW.authority_id ORDER BY e.chain_seq DESC LIMIT 1;
  END IF;
  IF erased_seq IS NOT NULL AND (last_seq IS NULL OR erased_seq > last_seq) THEN
    last_seq := erased_seq;
    last_hash := erased_hash;
  END IF;
  IF last_seq IS NULL THEN
    SELECT c.chain_seq, c.row_hash INTO last_seq, last_hash
    FROM audit_chain_checkpoint c WHERE c.authority_id IS NOT DISTINCT FROM NEW.authority_id;
  END IF;
  NEW.chain_seq := coalesce(last_seq, 0) + 1;
  NEW.prev_hash := coalesce(last_hash, repeat('0', 64));
  NEW.at := clock_timestamp();
  NEW.row_hash := audit_log_row_hash(NEW);
  RETURN NEW;
END;
$$;

-- The period a record type is kept in an authority: its schedule's, or the default (lib/domain/retention.ts keeps
-- the same defaults; a test compares them). The chain of audit rows without an authority keeps the defaults.
CREATE FUNCTION retention_keep_months(p_authority uuid, p_type text) RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    (SELECT s.keep_months FROM retention_schedule s WHERE s.authority_id = p_authority AND s.record_type = p_type),
    CASE p_type WHEN 'closed_case' THEN 72 WHEN 'register_marks' THEN 72 WHEN 'audit_log' THEN 72
                WHEN 'failed_sign_in' THEN 12 END)
$$;

-- The day before which a record of that type has passed its period, on the service's day p_today. The database's
-- own date caps it, so that a caller can erase less, never more, than the schedule allows.
CREATE FUNCTION retention_cutoff(p_authority uuid, p_type text, p_today date) RETURNS date LANGUAGE sql STABLE AS $$
  SELECT (least(p_today, current_date) - make_interval(months => retention_keep_months(p_authority, p_type)))::date
$$;

-- The audit actions that record failed sign-ins (their own, shorter, period); every other action is 'audit_log'.
CREATE FUNCTION retention_failed_sign_in_actions() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY['auth.sign_in_failed', 'auth.sign_in_refused', 'auth.second_factor_failed']
$$;

-- Is this case covered by a legal hold in force (on the case, its pupil, or a parent or carer party to it)?
CREATE FUNCTION case_is_held(p_authority uuid, p_case uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM legal_hold h
    JOIN attendance_case c ON c.id = p_case AND c.authority_id = p_authority
    WHERE h.authority_id = p_authority AND h.released_at IS NULL
      AND (h.case_id = c.id OR h.pupil_id = c.pupil_id
           OR h.parent_id IN (SELECT cp.parent_id FROM case_party cp
                              WHERE cp.case_id = c.id AND cp.authority_id = p_authority)))
$$;

-- The closed cases past their period, oldest first: closed (the last 'closed' entry on the timeline) before the
-- cut-off; with whether a hold keeps them. What the dry run lists; the erasing function takes those not held.
CREATE FUNCTION retention_closed_cases_due(p_authority uuid, p_today date, p_limit integer)
RETURNS TABLE (case_id uuid, closed_on date, held boolean) LANGUAGE sql STABLE AS $$
  SELECT c.id, max(e.occurred_on), case_is_held(p_authority, c.id)
  FROM attendance_case c
  JOIN case_event e ON e.case_id = c.id AND e.authority_id = c.authority_id AND e.kind = 'closed'
  WHERE c.authority_id = p_authority AND c.status = 'closed'
  GROUP BY c.id
  HAVING max(e.occurred_on) < retention_cutoff(p_authority, 'closed_case', p_today)
  ORDER BY 2, 1
  LIMIT p_limit
$$;

-- Erases up to p_limit closed cases past their period and not held, with everything recorded on them (parties,
-- timeline, letters, decisions and their frozen evidence, certificates, referrals, hearings, outcomes and
-- sentences, penalty notices, tasks, supervision orders, flags, links, notifications; a truancy sweep stop that
-- fed the case or its flag is anonymised, so the sweep's figures stay). The pupil and the parents stay: they are the register's and may be in other
-- cases. Runs as the owner (the app may not delete evidence) and decides the period and the holds itself.
-- Returns the erased cases' ids.
CREATE FUNCTION retention_erase_closed_cases(p_authority uuid, p_today date, p_limit integer)
RETURNS uuid[] LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  ids uuid[];
BEGIN
  IF p_limit < 1 OR p_limit > 1000 THEN
    RAISE EXCEPTION 'batch size must be between 1 and 1000' USING ERRCODE = 'check_violation';
  END IF;
  -- Lock the candidates, then decide under the lock (a case re-opened or held meanwhile is left).
  PERFORM 1 FROM attendance_case c
  WHERE c.authority_id = p_authority AND c.status = 'closed' AND c.id IN (
    SELECT d.case_id FROM retention_closed_cases_due(p_authority, p_today, 100000) d WHERE NOT d.held)
  FOR UPDATE;
  SELECT coalesce(array_agg(d.case_id), '{}') INTO ids FROM (
    SELECT d.case_id FROM retention_closed_cases_due(p_authority, p_today, 100000) d WHERE NOT d.held
    LIMIT p_limit) d;
  IF cardinality(ids) = 0 THEN
    RETURN ids;
  END IF;
  PERFORM set_config('fast_track.retention_erasure', 'on', true);

  DELETE FROM court_sentence s USING court_outcome o, prosecution_referral r
  WHERE s.authority_id = p_authority AND o.authority_id = p_authority AND r.authority_id = p_authority
    AND s.outcome_id = o.id AND o.referral_id = r.id AND r.case_id = ANY (ids);
  DELETE FROM court_outcome o USING prosecution_referral r
  WHERE o.authority_id = p_authority AND r.authority_id = p_authority AND o.referral_id = r.id AND r.case_id = ANY (ids);
  DELETE FROM court_hearing h USING prosecution_referral r
  WHERE h.authority_id = p_authority AND r.authority_id = p_authority AND h.referral_id = r.id AND r.case_id = ANY (ids);
  DELETE FROM referral_approval_evidence x USING prosecution_referral r
  WHERE x.authority_id = p_authority AND r.authority_id = p_authority AND x.referral_id = r.id AND r.case_id = ANY (ids);
  DELETE FROM prosecution_referral WHERE authority_id = p_authority AND case_id = ANY (ids);
  DELETE FROM attendance_certificate a USING evidence_snapshot e
  WHERE a.authority_id = p_authority AND e.authority_id = p_authority AND a.evidence_id = e.id AND e.case_id = ANY (ids);
  DELETE FROM case_decision WHERE authority_id = p_authority AND case_id = ANY (ids);
  DELETE FROM evidence_snapshot WHERE authority_id = p_authority AND case_id = ANY (ids);
  DELETE FROM case_event_party WHERE authority_id = p_authority AND case_id = ANY (ids);
  DELETE FROM case_task WHERE authority_id = p_authority AND case_id = ANY (ids);
  DELETE FROM case_event WHERE authority_id = p_authority AND case_id = ANY (ids);
  DELETE FROM case_letter WHERE authority_id = p_authority AND case_id = ANY (ids);
  DELETE FROM penalty_notice WHERE authority_id = p_authority AND case_id = ANY (ids);
  DELETE FROM education_supervision_order WHERE authority_id = p_authority AND case_id = ANY (ids);
  DELETE FROM notification WHERE authority_id = p_authority AND case_id = ANY (ids);
  -- A sweep stop that fed the case (or its flag) stays in the sweep's figures, anonymised.
  UPDATE truancy_sweep_stop
  SET case_id = NULL, flag_id = NULL, pupil_id = NULL, feed = 'none', name = 'Erased under the retention schedule',
      school_urn = NULL, school_given = '', reason = 'Erased under the retention schedule'
  WHERE authority_id = p_authority
    AND (case_id = ANY (ids) OR flag_id IN (SELECT f.id FROM case_flag f
                                            WHERE f.authority_id = p_authority AND f.case_id = ANY (ids)));
  DELETE FROM case_link WHERE authority_id = p_authority AND (case_id = ANY (ids) OR linked_case_id = ANY (ids));
  DELETE FROM case_flag WHERE authority_id = p_authority AND case_id = ANY (ids);
  DELETE FROM case_party WHERE authority_id = p_authority AND case_id = ANY (ids);
  -- Released holds on the case go with it (the tombstone audit row and the holds' own audit rows remain).
  DELETE FROM legal_hold WHERE authority_id = p_authority AND case_id = ANY (ids);
  DELETE FROM attendance_case WHERE authority_id = p_authority AND id = ANY (ids);
  PERFORM set_config('fast_track.retention_erasure', 'off', true);
  RETURN ids;
END;
$$;

-- The audit rows of a chain past their period, in chain order: failed sign-ins ('failed_sign_in') or every other
-- action ('audit_log'), written before the cut-off, and not about a held case, pupil or parent or carer. The chain
-- of rows without an authority (p_authority null) keeps the default periods.
CREATE FUNCTION retention_audit_rows_due(p_authority uuid, p_type text, p_today date, p_limit integer)
RETURNS TABLE (id bigint, action text, at timestamptz) LANGUAGE sql STABLE AS $$
  SELECT a.id, a.action, a.at FROM audit_log a
  WHERE a.authority_id IS NOT DISTINCT FROM p_authority
    AND a.at < retention_cutoff(p_authority, p_type, p_today)::timestamp AT TIME ZONE 'UTC'
    AND (a.action = ANY (retention_failed_sign_in_actions())) = (p_type = 'failed_sign_in')
    AND p_type IN ('audit_log', 'failed_sign_in')
    AND NOT EXISTS (
      SELECT 1 FROM legal_hold h
      WHERE h.authority_id = p_authority AND h.released_at IS NULL
        AND ((a.entity_type = 'case' AND a.entity_id = h.case_id::text)
             OR (a.entity_type = 'pupil' AND a.entity_id = h.pupil_id::text)
             OR (a.entity_type = 'parent' AND a.entity_id = h.parent_id::text)))
  ORDER BY a.chain_seq
  LIMIT p_limit
$$;

-- Erases up to p_limit such rows; each leaves its link in audit_log_erased (the guard trigger). Returns the count.
CREATE FUNCTION retention_erase_audit_rows(p_authority uuid, p_type text, p_today date, p_limit integer)
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  n integer;
BEGIN
  IF p_limit < 1 OR p_limit > 5000 THEN
    RAISE EXCEPTION 'batch size must be between 1 and 5000' USING ERRCODE = 'check_violation';
  END IF;
  PERFORM set_config('fast_track.retention_erasure', 'on', true);
  DELETE FROM audit_log a
  WHERE a.authority_id IS NOT DISTINCT FROM p_authority
    AND a.id IN (SELECT d.id FROM retention_audit_rows_due(p_authority, p_type, p_today, p_limit) d);
  GET DIAGNOSTICS n = ROW_COUNT;
  PERFORM set_config('fast_track.retention_erasure', 'off', true);
  RETURN n;
END;
$$;

-- Only the app's runtime role (and the owner) may run the erasing functions.
REVOKE ALL ON FUNCTION retention_erase_closed_cases(uuid, date, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION retention_erase_audit_rows(uuid, text, date, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION retention_erase_closed_cases(uuid, date, integer) TO fast_track_runtime;
GRANT EXECUTE ON FUNCTION retention_erase_audit_rows(uuid, text, date, integer) TO fast_track_runtime;
