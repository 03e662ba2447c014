-- authority_id leads every primary key, unique constraint and foreign key of per-authority data, so that the
-- schema can be sharded by authority (Citus: a distributed table's unique keys and the foreign keys between
-- distributed tables must include the distribution column). See docs/decisions/070-authority-leads-every-key.md.
--
-- Adding authority_id to a unique key never weakens it here: every per-authority row reaches its parent rows
-- through composite foreign keys that carry the same authority_id, so a pupil, a case or a referral belongs to
-- exactly one authority, and "one open case per pupil" means the same as "one open case per (authority, pupil)".
-- The uniques that are national by law stay national (school URN, user email, API token hash); the ADR says how
-- they are held on Citus.
--
-- Not re-keyed here: the attendance store (attendance_mark, attendance_mark_change, the attendance summaries and
-- attendance_import), which issue 14 redesigns. Their foreign keys into the tables below are re-pointed, as every
-- foreign key into them must be.

-- 1. API tokens belong to a user, so to the user's authority.
ALTER TABLE api_token ADD COLUMN authority_id uuid;
UPDATE api_token t SET authority_id = u.authority_id FROM app_user u WHERE u.id = t.user_id;
ALTER TABLE api_token ALTER COLUMN authority_id SET NOT NULL;

-- An audit row with an actor names the actor's authority, so the composite foreign key below always applies.
ALTER TABLE audit_log ADD CONSTRAINT audit_log_actor_has_authority CHECK (actor_user_id IS NULL OR authority_id IS NOT NULL);

-- 2. Every foreign key into the re-keyed tables, from any table (on a fresh database this also finds the tables
-- of migrations dated before this one), is recorded and dropped, then re-created in step 4 with authority_id first.
CREATE TEMP TABLE rekeyed_foreign_key ON COMMIT DROP AS
SELECT c.conrelid::regclass AS child, c.conname, c.confrelid::regclass AS parent,
       ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(attnum, i)
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.i) AS cols,
       ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(attnum, i)
             JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.i) AS ref_cols,
       c.confupdtype, c.confdeltype, c.condeferrable, c.condeferred
FROM pg_constraint c
WHERE c.contype = 'f'
  AND c.confrelid = ANY (ARRAY['school', 'app_user', 'api_token', 'pupil', 'enrolment', 'parent', 'pupil_parent',
    'calendar_entry', 'comparison_figure', 'attendance_case', 'case_flag', 'case_party', 'case_link', 'case_event',
    'case_letter', 'evidence_snapshot', 'case_decision', 'prosecution_referral', 'notification', 'court_hearing',
    'court_outcome', 'court_sentence', 'penalty_notice']::regclass[]);

DO $$
DECLARE
  fk record;
BEGIN
  FOR fk IN SELECT * FROM rekeyed_foreign_key LOOP
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', fk.child, fk.conname);
  END LOOP;
END;
$$;

-- 3. Primary keys and unique keys, authority first. Each table with a uuid id keeps a plain index on id for the
-- lookups by id alone (the primary key's index no longer serves them on PostgreSQL before 18's skip scan).
ALTER TABLE school DROP CONSTRAINT school_pkey, DROP CONSTRAINT school_id_authority_id_key,
  ADD PRIMARY KEY (authority_id, id);
CREATE INDEX school_by_id ON school (id);

ALTER TABLE app_user DROP CONSTRAINT app_user_pkey, DROP CONSTRAINT app_user_id_authority_id_key,
  ADD PRIMARY KEY (authority_id, id);
CREATE INDEX app_user_by_id ON app_user (id);

ALTER TABLE api_token DROP CONSTRAINT api_token_pkey, ADD PRIMARY KEY (authority_id, id);
CREATE INDEX api_token_by_id ON api_token (id);

ALTER TABLE pupil DROP CONSTRAINT pupil_pkey, DROP CONSTRAINT pupil_id_authority_id_key,
  ADD PRIMARY KEY (authority_id, id);
CREATE INDEX pupil_by_id ON pupil (id);

ALTER TABLE enrolment DROP CONSTRAINT enrolment_pkey, DROP CONSTRAINT enrolment_pupil_id_school_id_start_date_key,
  ADD PRIMARY KEY (authority_id, id),
  ADD CONSTRAINT enrolment_pupil_school_start_key UNIQUE (authority_id, pupil_id, school_id, start_date);
CREATE INDEX enrolment_by_id ON enrolment (id);

ALTER TABLE parent DROP CONSTRAINT parent_pkey, DROP CONSTRAINT parent_id_authority_id_key,
  ADD PRIMARY KEY (authority_id, id);
CREATE INDEX parent_by_id ON parent (id);

ALTER TABLE pupil_parent DROP CONSTRAINT pupil_parent_pkey, ADD PRIMARY KEY (authority_id, pupil_id, parent_id);

ALTER TABLE calendar_entry DROP CONSTRAINT calendar_entry_pkey, ADD PRIMARY KEY (authority_id, id);
CREATE INDEX calendar_entry_by_id ON calendar_entry (id);

ALTER TABLE comparison_figure DROP CONSTRAINT comparison_figure_pkey, ADD PRIMARY KEY (authority_id, id);
CREATE INDEX comparison_figure_by_id ON comparison_figure (id);

ALTER TABLE attendance_case DROP CONSTRAINT attendance_case_pkey, DROP CONSTRAINT attendance_case_id_authority_id_key,
  ADD PRIMARY KEY (authority_id, id);
CREATE INDEX attendance_case_by_id ON attendance_case (id);
DROP INDEX attendance_case_one_open_per_pupil;
CREATE UNIQUE INDEX attendance_case_one_open_per_pupil ON attendance_case (authority_id, pupil_id) WHERE status <> 'closed';

ALTER TABLE case_flag DROP CONSTRAINT case_flag_pkey, ADD PRIMARY KEY (authority_id, id);
CREATE INDEX case_flag_by_id ON case_flag (id);
DROP INDEX case_flag_one_new_per_pupil;
CREATE UNIQUE INDEX case_flag_one_new_per_pupil ON case_flag (authority_id, pupil_id) WHERE status = 'new';

ALTER TABLE case_party DROP CONSTRAINT case_party_pkey, ADD PRIMARY KEY (authority_id, case_id, parent_id);

ALTER TABLE case_link DROP CONSTRAINT case_link_pkey, ADD PRIMARY KEY (authority_id, case_id, linked_case_id);

ALTER TABLE case_event DROP CONSTRAINT case_event_pkey, ADD PRIMARY KEY (authority_id, id);
CREATE INDEX case_event_by_id ON case_event (id);

ALTER TABLE case_letter DROP CONSTRAINT case_letter_pkey, DROP CONSTRAINT case_letter_id_authority_id_key,
  DROP CONSTRAINT case_letter_one_per_parent_per_production,
  ADD PRIMARY KEY (authority_id, id),
  ADD CONSTRAINT case_letter_one_per_parent_per_production UNIQUE (authority_id, production_id, parent_id);
CREATE INDEX case_letter_by_id ON case_letter (id);

ALTER TABLE evidence_snapshot DROP CONSTRAINT evidence_snapshot_pkey,
  DROP CONSTRAINT evidence_snapshot_id_authority_id_key, ADD PRIMARY KEY (authority_id, id);
CREATE INDEX evidence_snapshot_by_id ON evidence_snapshot (id);

ALTER TABLE case_decision DROP CONSTRAINT case_decision_pkey, DROP CONSTRAINT case_decision_id_authority_id_key,
  DROP CONSTRAINT case_decision_one_per_window,
  ADD PRIMARY KEY (authority_id, id),
  ADD CONSTRAINT case_decision_one_per_window UNIQUE (authority_id, case_id, window_start);
CREATE INDEX case_decision_by_id ON case_decision (id);

ALTER TABLE prosecution_referral DROP CONSTRAINT prosecution_referral_pkey,
  DROP CONSTRAINT prosecution_referral_id_authority_id_key, DROP CONSTRAINT prosecution_referral_id_offence_key,
  DROP CONSTRAINT prosecution_referral_one_per_parent_per_decision,
  DROP CONSTRAINT prosecution_referral_penalty_notice_unique,
  ADD PRIMARY KEY (authority_id, id),
  ADD CONSTRAINT prosecution_referral_offence_key UNIQUE (authority_id, id, offence),
  ADD CONSTRAINT prosecution_referral_one_per_parent_per_decision UNIQUE (authority_id, decision_id, parent_id),
  ADD CONSTRAINT prosecution_referral_penalty_notice_unique UNIQUE (authority_id, penalty_notice_id);
CREATE INDEX prosecution_referral_by_id ON prosecution_referral (id);

ALTER TABLE notification DROP CONSTRAINT notification_pkey, ADD PRIMARY KEY (authority_id, id);
CREATE INDEX notification_by_id ON notification (id);

ALTER TABLE court_hearing DROP CONSTRAINT court_hearing_pkey, ADD PRIMARY KEY (authority_id, id);
CREATE INDEX court_hearing_by_id ON court_hearing (id);

ALTER TABLE court_outcome DROP CONSTRAINT court_outcome_pkey, DROP CONSTRAINT court_outcome_id_offence_verdict_key,
  DROP CONSTRAINT court_outcome_one_per_referral,
  ADD PRIMARY KEY (authority_id, id),
  ADD CONSTRAINT court_outcome_offence_verdict_key UNIQUE (authority_id, id, offence, verdict),
  ADD CONSTRAINT court_outcome_one_per_referral UNIQUE (authority_id, referral_id);
CREATE INDEX court_outcome_by_id ON court_outcome (id);

ALTER TABLE court_sentence DROP CONSTRAINT court_sentence_pkey, DROP CONSTRAINT court_sentence_one_per_type,
  ADD PRIMARY KEY (authority_id, id),
  ADD CONSTRAINT court_sentence_one_per_type UNIQUE (authority_id, outcome_id, sentence_type);
CREATE INDEX court_sentence_by_id ON court_sentence (id);
DROP INDEX court_sentence_one_discharge;
CREATE UNIQUE INDEX court_sentence_one_discharge ON court_sentence (authority_id, outcome_id)
  WHERE sentence_type IN ('absolute_discharge', 'conditional_discharge');

ALTER TABLE penalty_notice DROP CONSTRAINT penalty_notice_pkey, DROP CONSTRAINT penalty_notice_id_authority_id_key,
  ADD PRIMARY KEY (authority_id, id);
CREATE INDEX penalty_notice_by_id ON penalty_notice (id);

-- Where the old key served lookups by its first column (a pupil's parents, a case's parties, links and decisions,
-- a referral's outcome, an outcome's sentences), a plain index keeps serving them.
CREATE INDEX pupil_parent_pupil_idx ON pupil_parent (pupil_id);
CREATE INDEX case_party_case_idx ON case_party (case_id);
CREATE INDEX case_link_case_idx ON case_link (case_id);
CREATE INDEX case_decision_case_idx ON case_decision (case_id);
CREATE INDEX court_outcome_referral_idx ON court_outcome (referral_id);
CREATE INDEX court_sentence_outcome_idx ON court_sentence (outcome_id);

-- 4. The foreign keys from step 2, re-created with authority_id first on both sides: (authority_id, x_id)
-- references (authority_id, id). A foreign key whose table has no authority_id cannot be re-created: such a
-- table would let a row point across authorities, so it is refused with its name.
DO $$
DECLARE
  fk record;
  cols text[];
  ref_cols text[];
  i integer;
BEGIN
  FOR fk IN SELECT * FROM rekeyed_foreign_key ORDER BY child::text, conname LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = fk.child AND attname = 'authority_id' AND NOT attisdropped) THEN
      RAISE EXCEPTION '% references % by (%) without authority_id: a foreign key to per-authority data must include it (ADR 070)',
        fk.child, fk.parent, array_to_string(fk.cols, ', ');
    END IF;
    cols := ARRAY['authority_id'];
    ref_cols := ARRAY['authority_id'];
    FOR i IN 1 .. cardinality(fk.cols) LOOP
      CONTINUE WHEN fk.cols[i] = 'authority_id' AND fk.ref_cols[i] = 'authority_id';
      IF fk.cols[i] = 'authority_id' OR fk.ref_cols[i] = 'authority_id' THEN
        RAISE EXCEPTION '%.% pairs authority_id with another column', fk.child, fk.conname;
      END IF;
      cols := cols || fk.cols[i];
      ref_cols := ref_cols || fk.ref_cols[i];
    END LOOP;
    EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I FOREIGN KEY (%s) REFERENCES %s (%s) ON UPDATE %s ON DELETE %s %s %s',
      fk.child, fk.conname,
      (SELECT string_agg(quote_ident(c), ', ') FROM unnest(cols) c), fk.parent,
      (SELECT string_agg(quote_ident(c), ', ') FROM unnest(ref_cols) c),
      CASE fk.confupdtype WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' ELSE 'NO ACTION' END,
      CASE fk.confdeltype WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' ELSE 'NO ACTION' END,
      CASE WHEN fk.condeferrable THEN 'DEFERRABLE' ELSE 'NOT DEFERRABLE' END,
      CASE WHEN fk.condeferred THEN 'INITIALLY DEFERRED' ELSE 'INITIALLY IMMEDIATE' END);
  END LOOP;
END;
$$;

-- 5. Triggers and the view that read other rows name the authority, so that each check reads one authority's
-- rows (on Citus: one shard group) through the authority-led keys.
CREATE OR REPLACE FUNCTION attendance_case_assignee_is_officer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM app_user
                 WHERE authority_id = NEW.authority_id AND id = NEW.assigned_officer_id AND role = 'officer') THEN
    RAISE EXCEPTION 'attendance_case.assigned_officer_id must be an officer'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'attendance_case_assignee_is_officer';
  END IF;
  RETURN NEW;
END;
$$;

CREATE OR REPLACE FUNCTION court_hearing_after_approval() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  approved_on date;
BEGIN
  SELECT (reviewed_at AT TIME ZONE 'Europe/London')::date INTO approved_on
  FROM prosecution_referral
  WHERE authority_id = NEW.authority_id AND id = NEW.referral_id AND status IN ('approved', 'concluded');
  IF approved_on IS NULL THEN
    RAISE EXCEPTION 'court_hearing: referral % is not approved for prosecution', NEW.referral_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'court_hearing_after_approval';
  END IF;
  IF NEW.hearing_date < approved_on THEN
    RAISE EXCEPTION 'court_hearing: hearing date % is before the approval on %', NEW.hearing_date, approved_on
      USING ERRCODE = 'check_violation', CONSTRAINT = 'court_hearing_after_approval';
  END IF;
  RETURN NEW;
END;
$$;

CREATE OR REPLACE VIEW penalty_notice_counting AS
SELECT p.*
FROM penalty_notice p
WHERE p.status <> 'withdrawn'
  AND NOT EXISTS (
    SELECT 1 FROM prosecution_referral r
    WHERE r.authority_id = p.authority_id AND r.penalty_notice_id = p.id
      AND (r.status = 'rejected'
           OR EXISTS (SELECT 1 FROM court_outcome o
                      WHERE o.authority_id = r.authority_id AND o.referral_id = r.id AND o.verdict <> 'guilty')));

CREATE OR REPLACE FUNCTION penalty_notice_check_issue() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  s penalty_notice_scheme;
  prior integer;
  window_start date;
BEGIN
  SELECT * INTO s FROM penalty_notice_scheme WHERE valid_from <= NEW.issue_date ORDER BY valid_from DESC LIMIT 1;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'No penalty notice scheme on %: they began on 27 February 2004', NEW.issue_date
      USING ERRCODE = 'check_violation', CONSTRAINT = 'penalty_notice_scheme';
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('penalty_notice'), hashtext(NEW.parent_id::text || NEW.pupil_id::text));
  -- Notices are dated in order (canIssueNotice): one back-dated before a counting notice could hide a third.
  IF EXISTS (SELECT 1 FROM penalty_notice_counting p
             WHERE p.authority_id = NEW.authority_id AND p.parent_id = NEW.parent_id AND p.pupil_id = NEW.pupil_id
               AND p.issue_date > NEW.issue_date) THEN
    RAISE EXCEPTION 'A penalty notice cannot be dated before this parent''s latest notice for this pupil'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'penalty_notice_dated_in_order';
  END IF;
  prior := 0;
  IF s.repeat_years IS NOT NULL THEN
    window_start := (NEW.issue_date - make_interval(years => s.repeat_years))::date;
    SELECT count(*) INTO prior FROM penalty_notice_counting p
      WHERE p.authority_id = NEW.authority_id AND p.parent_id = NEW.parent_id AND p.pupil_id = NEW.pupil_id
        AND p.issue_date >= DATE '2024-08-19' AND p.issue_date > window_start AND p.issue_date <= NEW.issue_date;
    IF prior >= s.repeat_max THEN
      RAISE EXCEPTION 'A third penalty notice within 3 years is not allowed for this parent and pupil'
        USING ERRCODE = 'check_violation', CONSTRAINT = 'penalty_notice_no_third_in_three_years';
    END IF;
  END IF;
  IF NEW.sequence <> prior + 1
     OR NEW.lower_amount_pence <> (CASE WHEN prior >= 1 THEN s.repeat_pence ELSE s.lower_pence END)
     OR NEW.higher_amount_pence <> (CASE WHEN prior >= 1 THEN s.repeat_pence ELSE s.higher_pence END)
     OR NEW.last_day <> NEW.issue_date + s.final_days
     OR NEW.lower_until <> NEW.issue_date + s.lower_days THEN
    RAISE EXCEPTION 'The notice''s sequence, amounts or payment dates are not those of the % scheme for a notice issued on %', s.label, NEW.issue_date
      USING ERRCODE = 'check_violation', CONSTRAINT = 'penalty_notice_scheme';
  END IF;
  RETURN NEW;
END;
$$;
