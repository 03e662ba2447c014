-- Retention's functions in a form a Citus cluster can run (issue 16; ADR 075). Same signatures, same results on
-- PostgreSQL; only the language and the order of their steps change.
--
-- 1. Citus cannot plan a query on a distributed table inside a LANGUAGE sql function that uses the function's
--    parameters ("could not create distributed plan … parameters in SQL functions … Consider using PL/pgSQL").
--    Every retention function that reads per-authority tables (the schedule, holds, cases, parties, flags,
--    pupils) is now PL/pgSQL, whose parameters Citus plans (one shard: every read names the authority).
-- 2. A function that reads distributed tables, called inside a query that Citus sends to one shard (per row, or
--    as a table next to a distributed one), would run on the worker and start a distributed query from inside a
--    shard's query, which Citus refuses ("cannot execute a distributed query from a query on a shard"). So the
--    closed cases' hold check is a subquery of the same query (every table in it names the authority, so the
--    whole query goes to one shard group), and what a hold keeps, and the cut-off, are read first into
--    variables by statements of their own, on the coordinator, then used as values.
-- 3. The erasing functions open evidence's guard triggers with SET LOCAL fast_track.retention_erasure, and on
--    Citus they run with citus.propagate_set_commands = 'local', so that the setting reaches the workers, where
--    the triggers on the shards run (a set_config() stays on the coordinator). On PostgreSQL the Citus setting is
--    an unused placeholder and SET LOCAL is what set_config(…, true) was.

-- The period a record type is kept in an authority: its schedule's, or the default (as lib/domain/retention.ts).
CREATE OR REPLACE FUNCTION retention_keep_months(p_authority uuid, p_type text) RETURNS integer
LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_months integer;
BEGIN
  IF p_authority IS NOT NULL THEN
    SELECT s.keep_months INTO v_months FROM retention_schedule s
    WHERE s.authority_id = p_authority AND s.record_type = p_type;
  END IF;
  RETURN coalesce(v_months,
    CASE p_type WHEN 'closed_case' THEN 72 WHEN 'register_marks' THEN 72 WHEN 'audit_log' THEN 72
                WHEN 'failed_sign_in' THEN 12 WHEN 'school_flag' THEN 72 END);
END;
$$;

-- The day before which a record of that type has passed its period (capped by the database's own date).
CREATE OR REPLACE FUNCTION retention_cutoff(p_authority uuid, p_type text, p_today date) RETURNS date
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (least(p_today, current_date) - make_interval(months => retention_keep_months(p_authority, p_type)))::date;
END;
$$;

-- Is this case covered by a legal hold in force (on the case, its pupil, or a parent or carer party to it)?
CREATE OR REPLACE FUNCTION case_is_held(p_authority uuid, p_case uuid) RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN EXISTS (
    SELECT 1 FROM legal_hold h
    JOIN attendance_case c ON c.authority_id = h.authority_id AND c.id = p_case AND c.authority_id = p_authority
    WHERE h.authority_id = p_authority AND h.released_at IS NULL
      AND (h.case_id = c.id OR h.pupil_id = c.pupil_id
           OR h.parent_id IN (SELECT cp.parent_id FROM case_party cp
                              WHERE cp.case_id = c.id AND cp.authority_id = p_authority)));
END;
$$;

-- The closed cases past their period, oldest first, with whether a hold keeps them (the hold check is
-- case_is_held's, written into the query: see 2 above).
CREATE OR REPLACE FUNCTION retention_closed_cases_due(p_authority uuid, p_today date, p_limit integer)
RETURNS TABLE (case_id uuid, closed_on date, held boolean) LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
DECLARE
  v_cutoff date := retention_cutoff(p_authority, 'closed_case', p_today);
BEGIN
  RETURN QUERY
  SELECT c.id, max(e.occurred_on),
    EXISTS (
      SELECT 1 FROM legal_hold h
      WHERE h.authority_id = p_authority AND h.released_at IS NULL
        AND (h.case_id = c.id OR h.pupil_id = c.pupil_id
             OR h.parent_id IN (SELECT cp.parent_id FROM case_party cp
                                WHERE cp.case_id = c.id AND cp.authority_id = p_authority)))
  FROM attendance_case c
  JOIN case_event e ON e.case_id = c.id AND e.authority_id = c.authority_id AND e.kind = 'closed'
  WHERE c.authority_id = p_authority AND e.authority_id = p_authority AND c.status = 'closed'
  GROUP BY c.id, c.pupil_id
  HAVING max(e.occurred_on) < v_cutoff
  ORDER BY 2, 1
  LIMIT p_limit;
END;
$$;

-- Erases up to p_limit closed cases past their period and not held, with everything recorded on them (as in
-- 20261206235913). The candidates are listed first (on the coordinator), locked, then decided again under the lock.
CREATE OR REPLACE FUNCTION retention_erase_closed_cases(p_authority uuid, p_today date, p_limit integer)
RETURNS uuid[] LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp SET citus.propagate_set_commands = 'local' AS $$
DECLARE
  ids uuid[];
BEGIN
  IF p_limit < 1 OR p_limit > 1000 THEN
    RAISE EXCEPTION 'batch size must be between 1 and 1000' USING ERRCODE = 'check_violation';
  END IF;
  -- Lock the candidates, then decide under the lock (a case re-opened or held meanwhile is left).
  SELECT coalesce(array_agg(d.case_id), '{}') INTO ids
  FROM retention_closed_cases_due(p_authority, p_today, 100000) d WHERE NOT d.held;
  IF cardinality(ids) = 0 THEN
    RETURN ids;
  END IF;
  PERFORM 1 FROM attendance_case c
  WHERE c.authority_id = p_authority AND c.status = 'closed' AND c.id = ANY (ids)
  FOR UPDATE;
  SELECT coalesce(array_agg(d.case_id), '{}') INTO ids FROM (
    SELECT d.case_id FROM retention_closed_cases_due(p_authority, p_today, 100000) d WHERE NOT d.held
    LIMIT p_limit) d;
  IF cardinality(ids) = 0 THEN
    RETURN ids;
  END IF;
  SET LOCAL fast_track.retention_erasure = 'on';

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
  SET LOCAL fast_track.retention_erasure = 'off';
  RETURN ids;
END;
$$;

-- Everything a legal hold in force keeps, as the audit log names records (as in 20261207001201).
CREATE OR REPLACE FUNCTION retention_held_records(p_authority uuid)
RETURNS TABLE (entity_type text, entity_id text) LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH held_case AS MATERIALIZED (
    SELECT c.id, c.pupil_id FROM attendance_case c
    WHERE c.authority_id = p_authority
      AND EXISTS (
        SELECT 1 FROM legal_hold h
        WHERE h.authority_id = p_authority AND h.released_at IS NULL
          AND (h.case_id = c.id OR h.pupil_id = c.pupil_id
               OR h.parent_id IN (SELECT cp.parent_id FROM case_party cp
                                  WHERE cp.case_id = c.id AND cp.authority_id = p_authority)))
  )
  SELECT 'case'::text, k.id::text FROM held_case k
  UNION SELECT 'pupil', k.pupil_id::text FROM held_case k
  UNION SELECT 'pupil', h.pupil_id::text FROM legal_hold h
    WHERE h.authority_id = p_authority AND h.released_at IS NULL AND h.pupil_id IS NOT NULL
  UNION SELECT 'parent', h.parent_id::text FROM legal_hold h
    WHERE h.authority_id = p_authority AND h.released_at IS NULL AND h.parent_id IS NOT NULL
  UNION SELECT 'parent', cp.parent_id::text FROM case_party cp JOIN held_case k ON k.id = cp.case_id
    WHERE cp.authority_id = p_authority
  UNION SELECT 'referral', r.id::text FROM prosecution_referral r JOIN held_case k ON k.id = r.case_id
    WHERE r.authority_id = p_authority
  UNION SELECT 'hearing', ch.id::text FROM court_hearing ch
    JOIN prosecution_referral r ON r.id = ch.referral_id AND r.authority_id = p_authority
    JOIN held_case k ON k.id = r.case_id
    WHERE ch.authority_id = p_authority
  UNION SELECT 'case_letter', l.id::text FROM case_letter l JOIN held_case k ON k.id = l.case_id
    WHERE l.authority_id = p_authority
  UNION SELECT 'penalty_notice', n.id::text FROM penalty_notice n JOIN held_case k ON k.id = n.case_id
    WHERE n.authority_id = p_authority
  UNION SELECT 'task', t.id::text FROM case_task t JOIN held_case k ON k.id = t.case_id
    WHERE t.authority_id = p_authority
  UNION SELECT 'evidence', e.id::text FROM evidence_snapshot e JOIN held_case k ON k.id = e.case_id
    WHERE e.authority_id = p_authority
  UNION SELECT 'flag', f.id::text FROM case_flag f JOIN held_case k ON k.id = f.case_id
    WHERE f.authority_id = p_authority;
END;
$$;

-- The audit rows past their period (as in 20261207001201). The audit log is on the coordinator; what the holds
-- keep is read first.
CREATE OR REPLACE FUNCTION retention_audit_rows_due(p_authority uuid, p_type text, p_today date, p_limit integer)
RETURNS TABLE (id bigint, action text, at timestamptz) LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
DECLARE
  v_cutoff date := retention_cutoff(p_authority, p_type, p_today);
BEGIN
  RETURN QUERY
  WITH held AS MATERIALIZED (SELECT r.entity_type, r.entity_id FROM retention_held_records(p_authority) r)
  SELECT a.id, a.action, a.at FROM audit_log a
  WHERE a.authority_id IS NOT DISTINCT FROM p_authority
    AND a.at < v_cutoff::timestamp AT TIME ZONE 'UTC'
    AND (a.action = ANY (retention_failed_sign_in_actions())) = (p_type = 'failed_sign_in')
    AND p_type IN ('audit_log', 'failed_sign_in')
    AND NOT EXISTS (SELECT 1 FROM held h WHERE h.entity_type = a.entity_type AND h.entity_id = a.entity_id)
    AND NOT EXISTS (SELECT 1 FROM held h WHERE h.entity_type = 'case' AND h.entity_id = a.detail ->> 'caseId')
  ORDER BY a.chain_seq
  LIMIT p_limit;
END;
$$;

-- The pupils whose register marks are kept whatever their age (as in 20261207001201): the held pupils are read
-- first, then one query on the authority's pupils.
CREATE OR REPLACE FUNCTION retention_marks_kept_pupils(p_authority uuid)
RETURNS TABLE (pupil_id uuid, store_key integer) LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
DECLARE
  v_held text[] := ARRAY(SELECT r.entity_id FROM retention_held_records(p_authority) r WHERE r.entity_type = 'pupil');
BEGIN
  RETURN QUERY
  SELECT p.id, p.store_key FROM pupil p
  WHERE p.authority_id = p_authority
    AND (p.id::text = ANY (v_held)
         OR EXISTS (SELECT 1 FROM legal_hold h JOIN pupil_parent pp
                      ON pp.parent_id = h.parent_id AND pp.authority_id = h.authority_id
                    WHERE h.authority_id = p_authority AND pp.authority_id = p_authority
                      AND h.released_at IS NULL AND pp.pupil_id = p.id)
         OR EXISTS (SELECT 1 FROM attendance_case c
                    WHERE c.authority_id = p_authority AND c.pupil_id = p.id AND c.status <> 'closed'));
END;
$$;

-- What the dry run shows for register marks (as in 20261207001201). The marks are the register store's, on the
-- coordinator; the kept pupils are read first.
CREATE OR REPLACE FUNCTION retention_marks_due(p_authority uuid, p_today date)
RETURNS TABLE (marks_before date, pupils bigint, marks bigint, kept_pupils bigint, kept_marks bigint)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
DECLARE
  v_before date := retention_marks_before(p_authority, p_today);
  v_kept integer[] := ARRAY(SELECT k.store_key FROM retention_marks_kept_pupils(p_authority) k);
BEGIN
  RETURN QUERY
  WITH m AS (
    SELECT x.pupil_key, x.pupil_key IN (SELECT u.k FROM unnest(v_kept) u(k)) AS is_kept
    FROM attendance_mark x WHERE x.authority_id = p_authority AND x.date < v_before
  )
  SELECT v_before,
    count(DISTINCT m.pupil_key) FILTER (WHERE NOT m.is_kept), count(*) FILTER (WHERE NOT m.is_kept),
    count(DISTINCT m.pupil_key) FILTER (WHERE m.is_kept), count(*) FILTER (WHERE m.is_kept)
  FROM m;
END;
$$;

-- Erases the register of up to p_limit pupils past the period and not kept (as in 20261207001201). The register
-- store is on the coordinator and the pupils are distributed: the store's keys and the pupils are read in separate
-- queries, never joined in one.
CREATE OR REPLACE FUNCTION retention_erase_register_marks(p_authority uuid, p_today date, p_limit integer)
RETURNS TABLE (pupil_ids uuid[], marks bigint, changes bigint, marks_before date)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
  v_before date;
  v_year smallint;
  v_kept integer[];
  v_summary_pupils uuid[];
  keys integer[];
  ids uuid[];
  n_marks bigint;
  n_changes bigint;
BEGIN
  IF p_limit < 1 OR p_limit > 5000 THEN
    RAISE EXCEPTION 'batch size must be between 1 and 5000' USING ERRCODE = 'check_violation';
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('registers'), hashtext(p_authority::text));
  v_before := retention_marks_before(p_authority, p_today);
  v_year := academic_year(v_before);
  v_kept := ARRAY(SELECT k.store_key FROM retention_marks_kept_pupils(p_authority) k);
  -- A pupil with marks has a year summary for each year of them, and a pupil with only a Common Transfer File's
  -- counts has those: either, in a year before the one that stays, makes the pupil due. Read from the summaries'
  -- keys (authority, year, pupil), so a batch reads the years that go, never every pupil's.
  v_summary_pupils := ARRAY(
    SELECT DISTINCT s.pupil_id FROM attendance_year_summary s
    WHERE s.authority_id = p_authority AND s.academic_year < v_year);
  keys := ARRAY(
    SELECT y.pupil_key FROM attendance_pupil_year y
    WHERE y.authority_id = p_authority AND y.academic_year < v_year
    UNION
    SELECT p.store_key FROM pupil p
    WHERE p.authority_id = p_authority AND p.id = ANY (v_summary_pupils));
  -- The batch: the first p_limit of those pupils (by store key) that are not kept.
  SELECT coalesce(array_agg(b.store_key ORDER BY b.store_key), '{}'), coalesce(array_agg(b.id ORDER BY b.store_key), '{}')
  INTO keys, ids
  FROM (
    SELECT p.store_key, p.id FROM pupil p
    WHERE p.authority_id = p_authority AND p.store_key = ANY (keys)
      AND p.store_key <> ALL (v_kept)
    ORDER BY p.store_key
    LIMIT p_limit) b;
  IF cardinality(keys) = 0 THEN
    RETURN QUERY SELECT ids, 0::bigint, 0::bigint, v_before;
    RETURN;
  END IF;
  DELETE FROM attendance_mark x
  WHERE x.authority_id = p_authority AND x.pupil_key = ANY (keys) AND x.date < v_before;
  GET DIAGNOSTICS n_marks = ROW_COUNT;
  DELETE FROM attendance_mark_change x
  WHERE x.authority_id = p_authority AND x.pupil_key = ANY (keys) AND x.date < v_before;
  GET DIAGNOSTICS n_changes = ROW_COUNT;
  DELETE FROM attendance_pupil_week x
  WHERE x.authority_id = p_authority AND x.pupil_key = ANY (keys) AND x.week_start < v_before;
  DELETE FROM attendance_pupil_year x
  WHERE x.authority_id = p_authority AND x.pupil_key = ANY (keys) AND x.academic_year < v_year;
  DELETE FROM attendance_year_summary x
  WHERE x.authority_id = p_authority AND x.pupil_id = ANY (ids) AND x.academic_year < v_year;
  RETURN QUERY SELECT ids, n_marks, n_changes, v_before;
END;
$$;

-- The declined flags without a case past their period, oldest first, and whether a legal hold keeps each (as in
-- 20261207011201): the held pupils are read first.
CREATE OR REPLACE FUNCTION retention_school_flags_due(p_authority uuid, p_today date)
RETURNS TABLE (flag_id uuid, declined_at timestamptz, held boolean) LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
DECLARE
  v_cutoff date := retention_cutoff(p_authority, 'school_flag', p_today);
  v_held text[];
BEGIN
  -- Two statements: a function call in the same query as a distributed table would go to the shard with it.
  v_held := ARRAY(SELECT r.entity_id FROM retention_held_records(p_authority) r WHERE r.entity_type = 'pupil');
  v_held := v_held || ARRAY(
    SELECT pp.pupil_id::text FROM legal_hold h
    JOIN pupil_parent pp ON pp.parent_id = h.parent_id AND pp.authority_id = h.authority_id
    WHERE h.authority_id = p_authority AND pp.authority_id = p_authority AND h.released_at IS NULL);
  RETURN QUERY
  SELECT f.id, f.decided_at, f.pupil_id::text = ANY (v_held)
  FROM case_flag f
  WHERE f.authority_id = p_authority AND f.case_id IS NULL AND f.status = 'declined'
    AND f.decided_at < v_cutoff::timestamp AT TIME ZONE 'UTC'
  ORDER BY f.decided_at, f.id;
END;
$$;

-- Erases up to p_limit of those not held (as in 20261207011201), with the guard's setting reaching the shards.
CREATE OR REPLACE FUNCTION retention_erase_school_flags(p_authority uuid, p_today date, p_limit integer)
RETURNS uuid[] LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp SET citus.propagate_set_commands = 'local' AS $$
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
  SET LOCAL fast_track.retention_erasure = 'on';
  UPDATE truancy_sweep_stop
  SET flag_id = NULL, pupil_id = NULL, feed = 'none', name = 'Erased under the retention schedule',
      school_urn = NULL, school_given = '', reason = 'Erased under the retention schedule'
  WHERE authority_id = p_authority AND flag_id = ANY (ids);
  DELETE FROM case_flag WHERE authority_id = p_authority AND id = ANY (ids); -- its notes by case_flag_erase_notes
  SET LOCAL fast_track.retention_erasure = 'off';
  RETURN ids;
END;
$$;
