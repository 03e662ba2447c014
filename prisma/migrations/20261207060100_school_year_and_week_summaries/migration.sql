-- Two summaries of summaries for the authority's figures at any scale (ADR 057). Each writer of the rows they sum
-- (an import's delta, a first load, the register's erasure) recounts the weeks and school-years it touched, in its
-- own transaction (lib/server/register-store/school-summaries.ts).

-- 1. Per school and academic year: the pupils with sessions possible, and how many of them are persistently
-- absent (10% or more of sessions missed) and severely absent (50% or more): PERSISTENT_ABSENCE_THRESHOLD and
-- SEVERE_ABSENCE_THRESHOLD in lib/domain (the writers recount with them; this first count writes them out).
CREATE TABLE attendance_school_year (
  authority_id   uuid NOT NULL REFERENCES authority (id),
  academic_year  smallint NOT NULL,
  school_key     integer NOT NULL,
  pupils         integer NOT NULL CHECK (pupils >= 0),
  persistent     integer NOT NULL CHECK (persistent >= 0),
  severe         integer NOT NULL CHECK (severe >= 0),
  PRIMARY KEY (authority_id, academic_year, school_key),
  CHECK (severe <= persistent AND persistent <= pupils)
);

-- 2. Per school and week (Monday to Sunday): the school-day sums, so that a range of whole weeks reads one row per
-- school and week, and only the days at its edges from attendance_school_day.
CREATE TABLE attendance_school_week (
  authority_id       uuid NOT NULL REFERENCES authority (id),
  week_start         date NOT NULL CHECK (extract(isodow FROM week_start) = 1),
  school_key         integer NOT NULL,
  possible           integer NOT NULL,
  present            integer NOT NULL,
  approved_activity  integer NOT NULL,
  authorised         integer NOT NULL,
  unauthorised       integer NOT NULL,
  PRIMARY KEY (authority_id, week_start, school_key),
  CHECK (possible = present + approved_activity + authorised + unauthorised)
);

INSERT INTO attendance_school_year (authority_id, academic_year, school_key, pupils, persistent, severe)
SELECT authority_id, academic_year, school_key, count(*) FILTER (WHERE possible > 0),
       count(*) FILTER (WHERE possible > 0 AND (authorised + unauthorised) * 100 >= 10 * possible),
       count(*) FILTER (WHERE possible > 0 AND (authorised + unauthorised) * 100 >= 50 * possible)
FROM attendance_pupil_year GROUP BY 1, 2, 3;

INSERT INTO attendance_school_week (authority_id, week_start, school_key, possible, present, approved_activity,
  authorised, unauthorised)
SELECT authority_id, date_trunc('week', date)::date, school_key, sum(possible), sum(present), sum(approved_activity),
       sum(authorised), sum(unauthorised)
FROM attendance_school_day GROUP BY 1, 2, 3;

-- The pupil-year rows a statement changed, +1 for each new row's counts and −1 for each old row's.
-- The app may not empty them (as the other summaries, ADR 031).
REVOKE TRUNCATE ON attendance_school_year, attendance_school_week FROM fast_track_runtime;
