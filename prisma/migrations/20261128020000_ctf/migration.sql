-- Common Transfer File imports: attendance years that a CTF gives as counts only (a YearData without
-- AttendSessions), kept as history and shown as "summary only". The school may be outside the system (an earlier
-- school in another authority), so it is kept as the LA code, establishment number and name the file gives,
-- with school_id set only when that LA/establishment is a school of this authority.
-- Years that come with marks are not stored here: their figures are computed from the marks.

CREATE TABLE attendance_year_summary (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  authority_id           uuid NOT NULL REFERENCES authority (id),
  pupil_id               uuid NOT NULL,
  -- The year that starts on 1 September of academic_year (2023 = 2023/24), as CTF YearData/Year gives it.
  academic_year          smallint NOT NULL CHECK (academic_year BETWEEN 1990 AND 2100),
  la_code                text NOT NULL CHECK (la_code ~ '^[0-9]{3}$'),
  estab_number           text NOT NULL CHECK (estab_number ~ '^[0-9]{4}$'),
  school_name            text NOT NULL DEFAULT '',
  school_id              uuid,
  sessions_possible      integer NOT NULL CHECK (sessions_possible >= 0),
  sessions_authorised    integer NOT NULL CHECK (sessions_authorised >= 0),
  -- Possible − authorised − unauthorised (so present plus approved activity), not the file's SessionsAttended,
  -- which exporters compute differently (some leave out L and approved activity).
  sessions_attended      integer NOT NULL CHECK (sessions_attended >= 0),
  sessions_unauthorised  integer NOT NULL CHECK (sessions_unauthorised >= 0),
  -- The import that last changed the row.
  import_id              bigint NOT NULL REFERENCES attendance_import (id),
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  CHECK (sessions_possible = sessions_attended + sessions_authorised + sessions_unauthorised),
  UNIQUE (pupil_id, academic_year, la_code, estab_number),
  FOREIGN KEY (pupil_id, authority_id) REFERENCES pupil (id, authority_id),
  FOREIGN KEY (school_id, authority_id) REFERENCES school (id, authority_id)
);
