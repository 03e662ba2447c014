-- Retention of register marks, and legal holds that keep everything of the held case (issue 12 §4; ADR 039's
-- follow-up, docs/decisions/039-retention-and-legal-hold.md). Register entries are kept 6 years (the 2024
-- attendance regulations); once a pupil's marks are past that, the daily job erases them from issue 14's register
-- store (ADR 050) with their history of changes and the pupil's own summaries, unless a legal hold or an open case
-- keeps the pupil. And a hold now keeps every audit row about the held case's records (its referrals, hearings,
-- letters, penalty notices, tasks, evidence and flags), not only those about the case, pupil or parent itself.

-- Everything a legal hold in force keeps, as the audit log names records (entity_type, entity_id): the cases it
-- covers (held directly, through their pupil, or through a parent or carer party to them), their pupils, the held
-- parents and the held cases' parties, and each held case's referrals, hearings, letters, penalty notices, tasks,
-- evidence snapshots and flags.
CREATE FUNCTION retention_held_records(p_authority uuid)
RETURNS TABLE (entity_type text, entity_id text) LANGUAGE sql STABLE AS $$
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
  SELECT 'case', id::text FROM held_case
  UNION SELECT 'pupil', pupil_id::text FROM held_case
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
    WHERE f.authority_id = p_authority
$$;

-- The audit rows past their period (as in 20261206235913), now keeping every row about a record the holds keep,
-- and every row whose detail names a held case (a task's or a certificate's row says its case that way).
CREATE OR REPLACE FUNCTION retention_audit_rows_due(p_authority uuid, p_type text, p_today date, p_limit integer)
RETURNS TABLE (id bigint, action text, at timestamptz) LANGUAGE sql STABLE AS $$
  WITH held AS MATERIALIZED (SELECT * FROM retention_held_records(p_authority))
  SELECT a.id, a.action, a.at FROM audit_log a
  WHERE a.authority_id IS NOT DISTINCT FROM p_authority
    AND a.at < retention_cutoff(p_authority, p_type, p_today)::timestamp AT TIME ZONE 'UTC'
    AND (a.action = ANY (retention_failed_sign_in_actions())) = (p_type = 'failed_sign_in')
    AND p_type IN ('audit_log', 'failed_sign_in')
    AND NOT EXISTS (SELECT 1 FROM held h WHERE h.entity_type = a.entity_type AND h.entity_id = a.entity_id)
    AND NOT EXISTS (SELECT 1 FROM held h WHERE h.entity_type = 'case' AND h.entity_id = a.detail ->> 'caseId')
  ORDER BY a.chain_seq
  LIMIT p_limit
$$;

-- The pupils whose register marks are kept whatever their age: those a legal hold in force keeps (directly, through
-- a held case, or as the child of a held parent or carer), and those with a case not yet closed (its evidence may
-- still be needed). With their store keys, as the register store keys its rows.
CREATE FUNCTION retention_marks_kept_pupils(p_authority uuid)
RETURNS TABLE (pupil_id uuid, store_key integer) LANGUAGE sql STABLE AS $$
  SELECT p.id, p.store_key FROM pupil p
  WHERE p.authority_id = p_authority
    AND (p.id::text IN (SELECT h.entity_id FROM retention_held_records(p_authority) h WHERE h.entity_type = 'pupil')
         OR EXISTS (SELECT 1 FROM legal_hold h JOIN pupil_parent pp
                      ON pp.parent_id = h.parent_id AND pp.authority_id = p_authority
                    WHERE h.authority_id = p_authority AND h.released_at IS NULL AND pp.pupil_id = p.id)
         OR EXISTS (SELECT 1 FROM attendance_case c
                    WHERE c.authority_id = p_authority AND c.pupil_id = p.id AND c.status <> 'closed'))
$$;

-- Marks are erased a whole summary year at a time: those dated before the first Monday of an academic year (the
-- summaries give a week to the academic year its Monday is in), the latest such Monday on or before the register's
-- cut-off. So no week or year summary is left holding part of what went, and nothing newer than the cut-off goes.
CREATE FUNCTION retention_marks_before(p_authority uuid, p_today date) RETURNS date LANGUAGE sql STABLE AS $$
  WITH c AS (SELECT retention_cutoff(p_authority, 'register_marks', p_today) AS cutoff),
  b AS (
    SELECT y, (make_date(y, 9, 1) + (8 - extract(isodow FROM make_date(y, 9, 1))::integer) % 7) AS monday
    FROM c, LATERAL (VALUES (academic_year(c.cutoff)::integer), (academic_year(c.cutoff)::integer - 1)) v(y)
  )
  SELECT max(b.monday) FROM b, c WHERE b.monday <= c.cutoff
$$;

-- What the dry run shows: the day before which marks go, and the marks (and pupils) that would go or are kept.
CREATE FUNCTION retention_marks_due(p_authority uuid, p_today date)
RETURNS TABLE (marks_before date, pupils bigint, marks bigint, kept_pupils bigint, kept_marks bigint)
LANGUAGE sql STABLE AS $$
  WITH b AS (SELECT retention_marks_before(p_authority, p_today) AS before),
  kept AS MATERIALIZED (SELECT k.store_key FROM retention_marks_kept_pupils(p_authority) k),
  m AS (
    SELECT x.pupil_key, x.pupil_key IN (SELECT store_key FROM kept) AS is_kept
    FROM attendance_mark x, b WHERE x.authority_id = p_authority AND x.date < b.before
  )
  SELECT (SELECT before FROM b),
    count(DISTINCT pupil_key) FILTER (WHERE NOT is_kept), count(*) FILTER (WHERE NOT is_kept),
    count(DISTINCT pupil_key) FILTER (WHERE is_kept), count(*) FILTER (WHERE is_kept)
  FROM m
$$;

-- Erases the register of up to p_limit pupils past the period and not kept: their marks dated before
-- retention_marks_before, the history of those marks' changes, their week and year summaries of those years and
-- the year counts a Common Transfer File gave for them. The school and authority day totals stay: they name no one,
-- and the authority's figures for past years rest on them. Runs as the owner (the app's role may not delete mark
-- history), takes the registers lock (so no import or calendar change interleaves) and decides the period and
-- who is kept itself. Returns the pupils whose register it erased and how many marks and changes went.
CREATE FUNCTION retention_erase_register_marks(p_authority uuid, p_today date, p_limit integer)
RETURNS TABLE (pupil_ids uuid[], marks bigint, changes bigint, marks_before date)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_before date;
  v_year smallint;
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
  -- A pupil with marks has a year summary for each year of them, and a pupil with only a Common Transfer File's
  -- counts has those: either, in a year before the one that stays, makes the pupil due. Read from the summaries'
  -- keys (authority, year, pupil), so a batch reads the years that go, never every pupil's.
  WITH kept AS MATERIALIZED (SELECT k.store_key FROM retention_marks_kept_pupils(p_authority) k),
  due_keys AS (
    SELECT y.pupil_key FROM attendance_pupil_year y
    WHERE y.authority_id = p_authority AND y.academic_year < v_year
    UNION
    SELECT p.store_key FROM attendance_year_summary s
    JOIN pupil p ON p.authority_id = s.authority_id AND p.id = s.pupil_id
    WHERE s.authority_id = p_authority AND s.academic_year < v_year
  ),
  due AS (
    SELECT p.store_key, p.id FROM due_keys d
    JOIN pupil p ON p.authority_id = p_authority AND p.store_key = d.pupil_key
    WHERE d.pupil_key NOT IN (SELECT store_key FROM kept)
    ORDER BY p.store_key
    LIMIT p_limit
  )
  SELECT coalesce(array_agg(store_key), '{}'), coalesce(array_agg(id), '{}') INTO keys, ids FROM due;
  IF cardinality(keys) = 0 THEN
    RETURN QUERY SELECT ids, 0::bigint, 0::bigint, v_before;
    RETURN;
  END IF;
  DELETE FROM attendance_mark
  WHERE authority_id = p_authority AND pupil_key = ANY (keys) AND date < v_before;
  GET DIAGNOSTICS n_marks = ROW_COUNT;
  DELETE FROM attendance_mark_change
  WHERE authority_id = p_authority AND pupil_key = ANY (keys) AND date < v_before;
  GET DIAGNOSTICS n_changes = ROW_COUNT;
  DELETE FROM attendance_pupil_week
  WHERE authority_id = p_authority AND pupil_key = ANY (keys) AND week_start < v_before;
  DELETE FROM attendance_pupil_year
  WHERE authority_id = p_authority AND pupil_key = ANY (keys) AND academic_year < v_year;
  DELETE FROM attendance_year_summary
  WHERE authority_id = p_authority AND pupil_id = ANY (ids) AND academic_year < v_year;
  RETURN QUERY SELECT ids, n_marks, n_changes, v_before;
END;
$$;

REVOKE ALL ON FUNCTION retention_erase_register_marks(uuid, date, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION retention_erase_register_marks(uuid, date, integer) TO fast_track_runtime;
