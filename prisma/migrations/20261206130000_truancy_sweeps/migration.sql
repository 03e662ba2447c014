-- Truancy sweeps (issue 13): the authority's officers and the police stop children of school age found in public
-- places in school hours. A sweep records its date and times, its area or route, the police officers and police
-- hours, the authority's staff and their hours, and each child stopped. A child found in the authority (by UPN)
-- and stopped without a valid reason feeds casework: an entry on their open case's timeline, or a flag for their
-- school's triage queue as if the school had flagged them. The rules live in lib/domain/sweeps.ts; the constraints
-- below hold them for any writer. Hours are whole quarter hours (2.75 hours = 11).

CREATE TABLE truancy_sweep (
  id                    uuid NOT NULL DEFAULT gen_random_uuid(),
  authority_id          uuid NOT NULL REFERENCES authority (id),
  sweep_date            date NOT NULL,
  -- 24-hour "HH:MM" (zero-padded, so text order is time order).
  start_time            text CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  end_time              text CHECK (end_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  area                  text NOT NULL CHECK (btrim(area) <> '' AND length(area) <= 500),
  police_officers       integer NOT NULL CHECK (police_officers BETWEEN 0 AND 1000),
  police_quarter_hours  integer NOT NULL CHECK (police_quarter_hours BETWEEN 0 AND 4000),
  staff                 integer NOT NULL DEFAULT 0 CHECK (staff BETWEEN 0 AND 1000),
  staff_quarter_hours   integer NOT NULL CHECK (staff_quarter_hours BETWEEN 0 AND 4000),
  notes                 text NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
  recorded_by           uuid NOT NULL,
  created_at            timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (authority_id, id),
  CONSTRAINT truancy_sweep_times_ordered CHECK (start_time IS NULL OR end_time IS NULL OR end_time > start_time),
  FOREIGN KEY (recorded_by, authority_id) REFERENCES app_user (id, authority_id)
);
CREATE INDEX truancy_sweep_date_idx ON truancy_sweep (authority_id, sweep_date);
CREATE INDEX truancy_sweep_recorded_by_idx ON truancy_sweep (authority_id, recorded_by);

-- A flag raised by a sweep rather than by the school; the stop points at the flag it raised (or joined).
ALTER TABLE case_flag ADD COLUMN source text NOT NULL DEFAULT 'school' CHECK (source IN ('school', 'sweep'));
ALTER TABLE case_flag ADD CONSTRAINT case_flag_authority_id_id_key UNIQUE (authority_id, id);

-- feed: what the stop did in casework (StopFeed in lib/domain/sweeps.ts). A child found in the authority and stopped
-- without a valid reason always feeds something (or says why it cannot: no current school); nothing else does.
CREATE TABLE truancy_sweep_stop (
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  authority_id  uuid NOT NULL REFERENCES authority (id),
  sweep_id      uuid NOT NULL,
  position      integer NOT NULL CHECK (position >= 1),
  pupil_id      uuid,
  name          text NOT NULL DEFAULT '' CHECK (length(name) <= 200),
  school_urn    integer CHECK (school_urn BETWEEN 100000 AND 999999),
  school_given  text NOT NULL DEFAULT '' CHECK (length(school_given) <= 200),
  with_parent   boolean NOT NULL,
  valid_reason  text NOT NULL CHECK (valid_reason IN ('yes', 'no', 'unknown')),
  reason        text NOT NULL CHECK (btrim(reason) <> '' AND length(reason) <= 1000),
  outcome       text NOT NULL CHECK (outcome IN ('returned_to_school', 'designated_place', 'taken_home', 'other')),
  feed          text NOT NULL CHECK (feed IN ('case_timeline', 'school_flag', 'no_current_school', 'none')),
  case_id       uuid,
  flag_id       uuid,
  PRIMARY KEY (authority_id, id),
  UNIQUE (authority_id, sweep_id, position),
  -- A child is found by UPN in the authority, or recorded by name (and school) as given.
  CONSTRAINT truancy_sweep_stop_identified CHECK (pupil_id IS NOT NULL OR btrim(name) <> ''),
  CONSTRAINT truancy_sweep_stop_feeds_truants CHECK ((feed <> 'none') = (pupil_id IS NOT NULL AND valid_reason = 'no')),
  CONSTRAINT truancy_sweep_stop_case_iff_timeline CHECK ((feed = 'case_timeline') = (case_id IS NOT NULL)),
  CONSTRAINT truancy_sweep_stop_flag_iff_flagged CHECK ((feed = 'school_flag') = (flag_id IS NOT NULL)),
  FOREIGN KEY (authority_id, sweep_id) REFERENCES truancy_sweep (authority_id, id),
  FOREIGN KEY (pupil_id, authority_id) REFERENCES pupil (id, authority_id),
  FOREIGN KEY (case_id, authority_id) REFERENCES attendance_case (id, authority_id),
  FOREIGN KEY (authority_id, flag_id) REFERENCES case_flag (authority_id, id)
);
CREATE INDEX truancy_sweep_stop_pupil_idx ON truancy_sweep_stop (authority_id, pupil_id) WHERE pupil_id IS NOT NULL;
CREATE INDEX truancy_sweep_stop_flag_idx ON truancy_sweep_stop (authority_id, flag_id) WHERE flag_id IS NOT NULL;

-- The case timeline gains 'truancy_sweep': the pupil was stopped in a sweep without a valid reason. The kind list is
-- extended in place (whatever kinds earlier migrations allow), so this migration keeps every kind they added.
DO $$
DECLARE
  def text;
BEGIN
  SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint
    WHERE conname = 'case_event_kind_check' AND conrelid = 'case_event'::regclass;
  IF def IS NULL OR position('ARRAY[' IN def) = 0 THEN
    RAISE EXCEPTION 'case_event_kind_check not found in the expected form: %', def;
  END IF;
  ALTER TABLE case_event DROP CONSTRAINT case_event_kind_check;
  EXECUTE 'ALTER TABLE case_event ADD CONSTRAINT case_event_kind_check '
    || replace(def, 'ARRAY[', 'ARRAY[''truancy_sweep''::text, ');
END;
$$;

-- The authority's own target for its unauthorised absence rate, beside the national figure (the manager's
-- dashboard draws the authority against it). One target per authority and year.
ALTER TABLE comparison_figure DROP CONSTRAINT comparison_figure_kind_check;
ALTER TABLE comparison_figure ADD CONSTRAINT comparison_figure_kind_check CHECK (kind IN ('national', 'authority', 'target'));
CREATE UNIQUE INDEX comparison_figure_one_target_per_year ON comparison_figure (authority_id, academic_year)
  WHERE kind = 'target';
