-- Attendance registers: the national codes by date, term calendars, comparison figures, imports, register
-- marks with their history, and the summary tables that keep authority-scale queries fast.
-- See docs/decisions/006-attendance-storage.md.

-- The academic year (1 September to 31 August) a date falls in, named by the year it starts: 2025 for 2025/26.
CREATE FUNCTION academic_year(d date) RETURNS smallint LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN extract(year FROM d - interval '8 months')::smallint;

CREATE TYPE attendance_category AS ENUM ('present', 'approved_activity', 'authorised', 'unauthorised', 'not_possible');

-- Reference data mirrored from lib/domain/attendance-codes.ts (a test keeps the two identical).
CREATE TABLE attendance_code (
  code_set    smallint NOT NULL CHECK (code_set IN (2006, 2024)),
  code        text NOT NULL,
  meaning     text NOT NULL,
  category    attendance_category NOT NULL,
  valid_from  date NOT NULL,
  valid_to    date,
  PRIMARY KEY (code_set, code),
  UNIQUE (code_set, code, category),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);

INSERT INTO attendance_code (code_set, code, meaning, category, valid_from, valid_to) VALUES
  (2006, '/', 'Present (AM)', 'present', DATE '2000-01-01', DATE '2024-08-18'),
  (2006, '\', 'Present (PM)', 'present', DATE '2000-01-01', DATE '2024-08-18'),
  (2006, 'L', 'Late, arrived before the register closed', 'present', DATE '2000-01-01', DATE '2024-08-18'),
  (2006, 'U', 'Late, arrived after the register closed', 'unauthorised', DATE '2000-01-01', DATE '2024-08-18'),
  (2006, 'B', 'Educated off site (not dual registration)', 'approved_activity', DATE '2000-01-01', DATE '2024-08-18'),
  (2006, 'D', 'Dual registered, attending another establishment', 'not_possible', DATE '2000-01-01', DATE '2024-08-18'),
  (2006, 'J', 'At an interview with prospective employers or another educational establishment', 'approved_activity', DATE '2000-01-01', DATE '2024-08-18'),
  (2006, 'P', 'Approved sporting activity', 'approved_activity', DATE '2000-01-01', DATE '2024-08-18'),
  (2006, 'V', 'Educational visit or trip', 'approved_activity', DATE '2000-01-01', DATE '2024-08-18'),
  (2006, 'W', 'Work experience', 'approved_activity', DATE '2000-01-01', DATE '2024-08-18'),
  (2006, 'C', 'Other authorised circumstances', 'authorised', DATE '2000-01-01', DATE '2024-08-18'),
  (2006, 'E', 'Excluded, no alternative provision made', 'authorised', DATE '2000-01-01', DATE '2024-08-18'),
  (2006, 'F', 'Agreed extended family holiday', 'authorised', DATE '2000-01-01', DATE '2024-08-18'),
  (2006, 'G', 'Family holiday not agreed, or days in excess of the agreement', 'unauthorised', DATE '2000-01-01', DATE '2024-08-18'),
  (2006, 'H', 'Agreed family holiday', 'authorised', DATE '2000-01-01', DATE '2024-08-18'),
  (2006, 'I', 'Illness (not medical or dental appointments)', 'authorised', DATE '2000-01-01', DATE '2024-08-18'),
  (2006, 'M', 'Medical or dental appointment', 'authorised', DATE '2000-01-01', DATE '2024-08-18'),
  (2006, 'N', 'No reason yet provided for absence', 'unauthorised', DATE '2000-01-01', DATE '2024-08-18'),
  (2006, 'O', 'Unauthorised absence not covered by any other code', 'unauthorised', DATE '2000-01-01', DATE '2024-08-18'),
  (2006, 'R', 'Religious observance', 'authorised', DATE '2000-01-01', DATE '2024-08-18'),
  (2006, 'S', 'Study leave', 'authorised', DATE '2000-01-01', DATE '2024-08-18'),
  (2006, 'T', 'Traveller absence', 'authorised', DATE '2000-01-01', DATE '2024-08-18'),
  (2006, 'X', 'Non-compulsory school age absence', 'not_possible', DATE '2000-01-01', DATE '2024-08-18'),
  (2006, 'Y', 'Unable to attend due to exceptional circumstances', 'not_possible', DATE '2000-01-01', DATE '2024-08-18'),
  (2006, 'Z', 'Pupil not on roll', 'not_possible', DATE '2000-01-01', DATE '2024-08-18'),
  (2006, '#', 'Planned whole or partial school closure', 'not_possible', DATE '2000-01-01', DATE '2024-08-18'),
  (2024, '/', 'Present at the start of morning registration', 'present', DATE '2024-08-19', NULL),
  (2024, '\', 'Present at the start of afternoon registration', 'present', DATE '2024-08-19', NULL),
  (2024, 'L', 'Arrived after registration began, before it closed', 'present', DATE '2024-08-19', NULL),
  (2024, 'K', 'Attending education provision arranged by the local authority', 'approved_activity', DATE '2024-08-19', NULL),
  (2024, 'V', 'Attending an educational visit or trip', 'approved_activity', DATE '2024-08-19', NULL),
  (2024, 'P', 'Participating in a supervised sporting activity', 'approved_activity', DATE '2024-08-19', NULL),
  (2024, 'W', 'Attending work experience', 'approved_activity', DATE '2024-08-19', NULL),
  (2024, 'B', 'Attending any other approved educational activity', 'approved_activity', DATE '2024-08-19', NULL),
  (2024, 'D', 'Dual registered, attending another school', 'not_possible', DATE '2024-08-19', NULL),
  (2024, 'C1', 'Leave: regulated performance or regulated employment abroad', 'authorised', DATE '2024-08-19', NULL),
  (2024, 'M', 'Leave: medical or dental appointment', 'authorised', DATE '2024-08-19', NULL),
  (2024, 'J1', 'Leave: interview for employment or admission to another institution', 'authorised', DATE '2024-08-19', NULL),
  (2024, 'S', 'Leave: study leave', 'authorised', DATE '2024-08-19', NULL),
  (2024, 'X', 'Non-compulsory school age pupil not required to attend', 'not_possible', DATE '2024-08-19', NULL),
  (2024, 'C2', 'Leave: part-time timetable', 'authorised', DATE '2024-08-19', NULL),
  (2024, 'C', 'Leave: exceptional circumstances', 'authorised', DATE '2024-08-19', NULL),
  (2024, 'T', 'Parent travelling for occupational purposes', 'authorised', DATE '2024-08-19', NULL),
  (2024, 'R', 'Religious observance', 'authorised', DATE '2024-08-19', NULL),
  (2024, 'I', 'Illness', 'authorised', DATE '2024-08-19', NULL),
  (2024, 'E', 'Suspended or excluded, no alternative provision made', 'authorised', DATE '2024-08-19', NULL),
  (2024, 'Q', 'Unable to attend: lack of access arrangements', 'not_possible', DATE '2024-08-19', NULL),
  (2024, 'Y1', 'Unable to attend: transport not available', 'not_possible', DATE '2024-08-19', NULL),
  (2024, 'Y2', 'Unable to attend: widespread travel disruption', 'not_possible', DATE '2024-08-19', NULL),
  (2024, 'Y3', 'Unable to attend: part of the school premises closed', 'not_possible', DATE '2024-08-19', NULL),
  (2024, 'Y4', 'Unable to attend: whole school site unexpectedly closed', 'not_possible', DATE '2024-08-19', NULL),
  (2024, 'Y5', 'Unable to attend: criminal justice detention', 'not_possible', DATE '2024-08-19', NULL),
  (2024, 'Y6', 'Unable to attend: public health guidance or law', 'not_possible', DATE '2024-08-19', NULL),
  (2024, 'Y7', 'Unable to attend: any other unavoidable cause', 'not_possible', DATE '2024-08-19', NULL),
  (2024, 'G', 'Holiday not granted by the school', 'unauthorised', DATE '2024-08-19', NULL),
  (2024, 'N', 'Reason for absence not yet established', 'unauthorised', DATE '2024-08-19', NULL),
  (2024, 'O', 'Absent in other or unknown circumstances', 'unauthorised', DATE '2024-08-19', NULL),
  (2024, 'U', 'Arrived in school after registration closed', 'unauthorised', DATE '2024-08-19', NULL),
  (2024, 'Z', 'Prospective pupil not on admission register', 'not_possible', DATE '2024-08-19', NULL),
  (2024, '#', 'Planned whole or partial school closure', 'not_possible', DATE '2024-08-19', NULL);

-- The same table as an IMMUTABLE function, so that each mark's code and category are checked by a plain CHECK
-- constraint (no per-row trigger, which foreign keys need and which made bulk imports several times slower).
-- A test checks that it agrees with the table for every code. NULL means "no such code in that set".
CREATE FUNCTION attendance_code_category(code_set smallint, code text) RETURNS attendance_category
LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN CASE code_set
  WHEN 2006 THEN CASE code
      WHEN '/' THEN 'present'::attendance_category
      WHEN '\' THEN 'present'::attendance_category
      WHEN 'L' THEN 'present'::attendance_category
      WHEN 'U' THEN 'unauthorised'::attendance_category
      WHEN 'B' THEN 'approved_activity'::attendance_category
      WHEN 'D' THEN 'not_possible'::attendance_category
      WHEN 'J' THEN 'approved_activity'::attendance_category
      WHEN 'P' THEN 'approved_activity'::attendance_category
      WHEN 'V' THEN 'approved_activity'::attendance_category
      WHEN 'W' THEN 'approved_activity'::attendance_category
      WHEN 'C' THEN 'authorised'::attendance_category
      WHEN 'E' THEN 'authorised'::attendance_category
      WHEN 'F' THEN 'authorised'::attendance_category
      WHEN 'G' THEN 'unauthorised'::attendance_category
      WHEN 'H' THEN 'authorised'::attendance_category
      WHEN 'I' THEN 'authorised'::attendance_category
      WHEN 'M' THEN 'authorised'::attendance_category
      WHEN 'N' THEN 'unauthorised'::attendance_category
      WHEN 'O' THEN 'unauthorised'::attendance_category
      WHEN 'R' THEN 'authorised'::attendance_category
      WHEN 'S' THEN 'authorised'::attendance_category
      WHEN 'T' THEN 'authorised'::attendance_category
      WHEN 'X' THEN 'not_possible'::attendance_category
      WHEN 'Y' THEN 'not_possible'::attendance_category
      WHEN 'Z' THEN 'not_possible'::attendance_category
      WHEN '#' THEN 'not_possible'::attendance_category
    END
  WHEN 2024 THEN CASE code
      WHEN '/' THEN 'present'::attendance_category
      WHEN '\' THEN 'present'::attendance_category
      WHEN 'L' THEN 'present'::attendance_category
      WHEN 'K' THEN 'approved_activity'::attendance_category
      WHEN 'V' THEN 'approved_activity'::attendance_category
      WHEN 'P' THEN 'approved_activity'::attendance_category
      WHEN 'W' THEN 'approved_activity'::attendance_category
      WHEN 'B' THEN 'approved_activity'::attendance_category
      WHEN 'D' THEN 'not_possible'::attendance_category
      WHEN 'C1' THEN 'authorised'::attendance_category
      WHEN 'M' THEN 'authorised'::attendance_category
      WHEN 'J1' THEN 'authorised'::attendance_category
      WHEN 'S' THEN 'authorised'::attendance_category
      WHEN 'X' THEN 'not_possible'::attendance_category
      WHEN 'C2' THEN 'authorised'::attendance_category
      WHEN 'C' THEN 'authorised'::attendance_category
      WHEN 'T' THEN 'authorised'::attendance_category
      WHEN 'R' THEN 'authorised'::attendance_category
      WHEN 'I' THEN 'authorised'::attendance_category
      WHEN 'E' THEN 'authorised'::attendance_category
      WHEN 'Q' THEN 'not_possible'::attendance_category
      WHEN 'Y1' THEN 'not_possible'::attendance_category
      WHEN 'Y2' THEN 'not_possible'::attendance_category
      WHEN 'Y3' THEN 'not_possible'::attendance_category
      WHEN 'Y4' THEN 'not_possible'::attendance_category
      WHEN 'Y5' THEN 'not_possible'::attendance_category
      WHEN 'Y6' THEN 'not_possible'::attendance_category
      WHEN 'Y7' THEN 'not_possible'::attendance_category
      WHEN 'G' THEN 'unauthorised'::attendance_category
      WHEN 'N' THEN 'unauthorised'::attendance_category
      WHEN 'O' THEN 'unauthorised'::attendance_category
      WHEN 'U' THEN 'unauthorised'::attendance_category
      WHEN 'Z' THEN 'not_possible'::attendance_category
      WHEN '#' THEN 'not_possible'::attendance_category
    END
  END;

-- An authority's term calendar: terms (school is open on weekdays) and closures inside them.
CREATE TABLE calendar_entry (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  authority_id  uuid NOT NULL REFERENCES authority (id),
  kind          text NOT NULL CHECK (kind IN ('term', 'closure')),
  start_date    date NOT NULL,
  end_date      date NOT NULL,
  name          text NOT NULL CHECK (btrim(name) <> ''),
  CHECK (end_date >= start_date),
  CHECK (end_date - start_date < 366)
);
CREATE INDEX calendar_entry_authority_idx ON calendar_entry (authority_id, start_date);

-- Derived from calendar_entry whenever it changes: every school week (a Monday–Sunday week with at least one
-- school day) numbered consecutively per authority, so "10 school weeks" is an ordinal difference.
CREATE TABLE school_week (
  authority_id  uuid NOT NULL REFERENCES authority (id),
  week_start    date NOT NULL CHECK (extract(isodow FROM week_start) = 1),
  ordinal       integer NOT NULL,
  school_days   smallint NOT NULL CHECK (school_days BETWEEN 1 AND 5),
  PRIMARY KEY (authority_id, week_start),
  UNIQUE (authority_id, ordinal)
);

-- National and comparison unauthorised absence rates by academic year, entered by administrators.
CREATE TABLE comparison_figure (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  authority_id       uuid NOT NULL REFERENCES authority (id),
  academic_year      smallint NOT NULL CHECK (academic_year BETWEEN 1990 AND 2100),
  kind               text NOT NULL CHECK (kind IN ('national', 'authority')),
  label              text NOT NULL CHECK (btrim(label) <> ''),
  unauthorised_rate  numeric(5, 2) NOT NULL CHECK (unauthorised_rate BETWEEN 0 AND 100),
  source             text NOT NULL DEFAULT '',
  UNIQUE (authority_id, academic_year, kind, label)
);

CREATE TABLE attendance_import (
  id               bigserial PRIMARY KEY,
  authority_id     uuid NOT NULL REFERENCES authority (id),
  school_id        uuid REFERENCES school (id),
  uploaded_by      uuid REFERENCES app_user (id),
  source           text NOT NULL CHECK (source IN ('csv', 'ctf')),
  filename         text NOT NULL DEFAULT '',
  sha256           text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  marks_created    integer NOT NULL DEFAULT 0 CHECK (marks_created >= 0),
  marks_updated    integer NOT NULL DEFAULT 0 CHECK (marks_updated >= 0),
  marks_unchanged  integer NOT NULL DEFAULT 0 CHECK (marks_unchanged >= 0),
  pupils_created   integer NOT NULL DEFAULT 0 CHECK (pupils_created >= 0),
  pupils_updated   integer NOT NULL DEFAULT 0 CHECK (pupils_updated >= 0),
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attendance_import_authority_idx ON attendance_import (authority_id, created_at);

-- One mark per pupil, school, date and session (0 = AM, 1 = PM). The code set is fixed by the date, and the
-- category must be the one the code has in that set, so an invalid code or a wrong category is impossible.
-- Pupil and school are not foreign keys: at ~90 million rows a year the per-row trigger checks dominated import
-- time; the importer resolves both from the authority's roster, and pupils and schools are never deleted.
-- See docs/decisions/006-attendance-storage.md.
CREATE TABLE attendance_mark (
  pupil_id      uuid NOT NULL,
  date          date NOT NULL,
  session       smallint NOT NULL CHECK (session IN (0, 1)),
  school_id     uuid NOT NULL,
  authority_id  uuid NOT NULL,
  code_set      smallint NOT NULL,
  code          text NOT NULL,
  category      attendance_category NOT NULL,
  import_id     bigint REFERENCES attendance_import (id),
  PRIMARY KEY (pupil_id, date, session, school_id),
  CONSTRAINT attendance_mark_code_set_by_date CHECK ((code_set = 2024) = (date >= DATE '2024-08-19')),
  CONSTRAINT attendance_mark_code_valid CHECK (category IS NOT DISTINCT FROM attendance_code_category(code_set, code))
);

-- A re-sent mark that changes a code keeps the old one here.
CREATE TABLE attendance_mark_change (
  id            bigserial PRIMARY KEY,
  authority_id  uuid NOT NULL REFERENCES authority (id),
  pupil_id      uuid NOT NULL,
  date          date NOT NULL,
  session       smallint NOT NULL CHECK (session IN (0, 1)),
  school_id     uuid NOT NULL,
  old_code      text NOT NULL,
  new_code      text NOT NULL,
  import_id     bigint NOT NULL REFERENCES attendance_import (id),
  changed_by    uuid REFERENCES app_user (id),
  changed_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (old_code <> new_code)
);
CREATE INDEX attendance_mark_change_pupil_idx ON attendance_mark_change (pupil_id, date);

-- Summaries, kept up to date inside each import's transaction from the changes it makes (so an import never
-- re-reads the marks it did not change).
CREATE TABLE attendance_school_day (
  school_id          uuid NOT NULL REFERENCES school (id),
  date               date NOT NULL,
  authority_id       uuid NOT NULL REFERENCES authority (id),
  possible           integer NOT NULL,
  present            integer NOT NULL,
  approved_activity  integer NOT NULL,
  authorised         integer NOT NULL,
  unauthorised       integer NOT NULL,
  PRIMARY KEY (school_id, date),
  CHECK (possible = present + approved_activity + authorised + unauthorised)
);
CREATE INDEX attendance_school_day_authority_idx ON attendance_school_day (authority_id, date);

CREATE TABLE attendance_pupil_week (
  pupil_id               uuid NOT NULL,
  week_start             date NOT NULL CHECK (extract(isodow FROM week_start) = 1),
  school_id              uuid NOT NULL,
  authority_id           uuid NOT NULL REFERENCES authority (id),
  possible               smallint NOT NULL,
  present                smallint NOT NULL,
  approved_activity      smallint NOT NULL,
  authorised             smallint NOT NULL,
  unauthorised           smallint NOT NULL,
  penalty_unauthorised   smallint NOT NULL,
  PRIMARY KEY (pupil_id, week_start, school_id),
  CHECK (possible = present + approved_activity + authorised + unauthorised),
  CHECK (penalty_unauthorised <= unauthorised)
);

-- Per pupil, school and academic year (the year that starts on 1 September of academic_year): the
-- year-to-date figures behind persistent and severe absence, and the most G/N/O/U sessions in any 10
-- consecutive school weeks (NULL when the authority has no calendar for that year).
CREATE TABLE attendance_pupil_year (
  pupil_id               uuid NOT NULL,
  school_id              uuid NOT NULL,
  academic_year          smallint NOT NULL,
  authority_id           uuid NOT NULL REFERENCES authority (id),
  possible               integer NOT NULL,
  present                integer NOT NULL,
  approved_activity      integer NOT NULL,
  authorised             integer NOT NULL,
  unauthorised           integer NOT NULL,
  max_penalty_10_weeks   integer,
  threshold_week_start   date,
  PRIMARY KEY (pupil_id, school_id, academic_year),
  CHECK (possible = present + approved_activity + authorised + unauthorised)
);
CREATE INDEX attendance_pupil_year_school_idx ON attendance_pupil_year (authority_id, academic_year, school_id);
