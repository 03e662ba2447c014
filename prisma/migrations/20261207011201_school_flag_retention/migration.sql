-- Retention of school flags never tied to a case (issue 12 §4; ADR 039, amendment of 7 December 2026). A flag the
-- service declined has no case whose erasure would take it; it named the child, their figures and the school's
-- concerns, and stayed for ever. It now has its own period in the schedule ('school_flag', from the day it was
-- declined; the default is local policy: no national period is published), and the daily job erases it in batches
-- with a tombstone audit row, unless a legal hold keeps its pupil. Flags still waiting for a decision are the
-- service's open work and are never erased; a flag that became a case goes with the case.

ALTER TABLE retention_schedule DROP CONSTRAINT retention_schedule_record_type_check;
ALTER TABLE retention_schedule ADD CONSTRAINT retention_schedule_record_type_check
  CHECK (record_type IN ('closed_case', 'register_marks', 'audit_log', 'failed_sign_in', 'school_flag'));

-- The defaults, as lib/domain/retention.ts has them (RETENTION_RULES).
CREATE OR REPLACE FUNCTION retention_keep_months(p_authority uuid, p_type text) RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    (SELECT s.keep_months FROM retention_schedule s WHERE s.authority_id = p_authority AND s.record_type = p_type),
    CASE p_type WHEN 'closed_case' THEN 72 WHEN 'register_marks' THEN 72 WHEN 'audit_log' THEN 72
                WHEN 'failed_sign_in' THEN 12 WHEN 'school_flag' THEN 72 END)
$$;

-- A flag's notes go with the flag when retention erases it (here, or with a closed case): the notes' own rule
-- (never changed or removed) gives way only to retention's erasure, as the evidence tables' rules do. Before this,
-- erasing a closed case whose flag had notes failed on the notes' foreign key.
CREATE OR REPLACE FUNCTION case_flag_note_rules() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  flag_status text;
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('fast_track.retention_erasure', true) = 'on' THEN
    RETURN OLD;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION 'case_flag_note %: a note added to a flag is never changed or removed', OLD.id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'case_flag_note_rules';
  END IF;
  SELECT status INTO flag_status FROM case_flag WHERE id = NEW.flag_id AND authority_id = NEW.authority_id;
  IF flag_status IS DISTINCT FROM 'new' THEN
    RAISE EXCEPTION 'case_flag_note: flag % has been decided (%), so nothing can be added to it', NEW.flag_id, flag_status
      USING ERRCODE = 'check_violation', CONSTRAINT = 'case_flag_note_rules';
  END IF;
  RETURN NEW;
END;
$$;

CREATE FUNCTION case_flag_erase_notes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('fast_track.retention_erasure', true) = 'on' THEN
    DELETE FROM case_flag_note WHERE authority_id = OLD.authority_id AND flag_id = OLD.id;
  END IF;
  RETURN OLD;
END;
$$;
CREATE TRIGGER case_flag_erase_notes BEFORE DELETE ON case_flag
  FOR EACH ROW EXECUTE FUNCTION case_flag_erase_notes();

-- The declined flags without a case past their period on the service's day p_today, oldest first, and whether a
-- legal hold keeps each: a hold on the pupil, on a case of the pupil, or on a parent or carer of the pupil.
CREATE FUNCTION retention_school_flags_due(p_authority uuid, p_today date)
RETURNS TABLE (flag_id uuid, declined_at timestamptz, held boolean) LANGUAGE sql STABLE AS $$
  WITH held_pupil AS MATERIALIZED (
    SELECT h.entity_id FROM retention_held_records(p_authority) h WHERE h.entity_type = 'pupil'
    UNION
    SELECT pp.pupil_id::text FROM legal_hold h
    JOIN pupil_parent pp ON pp.parent_id = h.parent_id AND pp.authority_id = p_authority
    WHERE h.authority_id = p_authority AND h.released_at IS NULL
  )
  SELECT f.id, f.decided_at, f.pupil_id::text IN (SELECT entity_id FROM held_pupil)
  FROM case_flag f
  WHERE f.authority_id = p_authority AND f.case_id IS NULL AND f.status = 'declined'
    AND f.decided_at < retention_cutoff(p_authority, 'school_flag', p_today)::timestamp AT TIME ZONE 'UTC'
  ORDER BY f.decided_at, f.id
$$;

-- Erases up to p_limit of those not held: the flag and its notes, and the truancy sweep stop that raised it is
-- anonymised (it stays in the sweep's figures), as for a closed case. Runs as the owner (the app's role may not
-- delete flags) and decides what is due and held itself. Returns the erased flags' ids.
CREATE FUNCTION retention_erase_school_flags(p_authority uuid, p_today date, p_limit integer)
RETURNS uuid[] LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  ids uuid[];
BEGIN
  IF p_limit < 1 OR p_limit > 1000 THEN
    RAISE EXCEPTION 'batch size must be between 1 and 1000' USING ERRCODE = 'check_violation';
  END IF;
  SELECT coalesce(array_agg(d.flag_id), '{}') INTO ids FROM (
    SELECT d.flag_id FROM retention_school_flags_due(p_authority, p_today) d WHERE NOT d.held LIMIT p_limit) d;
  IF cardinality(ids) = 0 THEN
    RETURN ids;
  END IF;
  PERFORM set_config('fast_track.retention_erasure', 'on', true);
  UPDATE truancy_sweep_stop
  SET flag_id = NULL, pupil_id = NULL, feed = 'none', name = 'Erased under the retention schedule',
      school_urn = NULL, school_given = '', reason = 'Erased under the retention schedule'
  WHERE authority_id = p_authority AND flag_id = ANY (ids);
  DELETE FROM case_flag WHERE authority_id = p_authority AND id = ANY (ids); -- its notes by case_flag_erase_notes
  PERFORM set_config('fast_track.retention_erasure', 'off', true);
  RETURN ids;
END;
$$;

REVOKE ALL ON FUNCTION retention_erase_school_flags(uuid, date, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION retention_erase_school_flags(uuid, date, integer) TO fast_track_runtime;
