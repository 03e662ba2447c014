-- Two summaries of summaries for the authority's figures at any scale (ADR 057), kept by the database itself from
-- the rows they sum, so that every writer of those rows (an import's delta, a first load's COPY, the calendar's
-- recompute, an erasure) keeps them exact without knowing they exist.

-- 1. Per school and academic year: the pupils with sessions possible, and how many of them are persistently
-- absent (10% or more of sessions missed) and severely absent (50% or more): PERSISTENT_ABSENCE_THRESHOLD and
-- SEVERE_ABSENCE_THRESHOLD in lib/domain, kept the same by a test that recounts them from attendance_pupil_year.
CREATE TABLE attendance_school_year (
  authority_id   uuid NOT NULL REFERENCES authority (id),
  academic_year  smallint NOT NULL,
  school_key     integer NOT NULL,
  -- No CHECK on the counts: the trigger's upsert proposes the change itself as a row (it may be negative), and a
  -- CHECK applies to that proposed row too. The store's tests recount them from attendance_pupil_year.
  pupils         integer NOT NULL,
  persistent     integer NOT NULL,
  severe         integer NOT NULL,
  PRIMARY KEY (authority_id, academic_year, school_key)
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
-- The rows a statement changed, as +1 for each new row and −1 for each old one (a trigger sees only the transition
-- tables of its own event, so the query is put together for it).
CREATE FUNCTION attendance_changed_rows(op text, columns text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE op
    WHEN 'INSERT' THEN format('SELECT 1 AS n, %s FROM new_rows', columns)
    WHEN 'DELETE' THEN format('SELECT -1 AS n, %s FROM old_rows', columns)
    ELSE format('SELECT 1 AS n, %s FROM new_rows UNION ALL SELECT -1, %s FROM old_rows', columns, columns)
  END
$$;

CREATE FUNCTION attendance_school_year_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format($q$
    WITH changed AS (%s), d AS (
      SELECT authority_id, academic_year, school_key,
             coalesce(sum(n) FILTER (WHERE possible > 0), 0) AS pupils,
             coalesce(sum(n) FILTER (WHERE possible > 0 AND absent * 100 >= 10 * possible), 0) AS persistent,
             coalesce(sum(n) FILTER (WHERE possible > 0 AND absent * 100 >= 50 * possible), 0) AS severe
      FROM changed GROUP BY 1, 2, 3
    )
    INSERT INTO attendance_school_year AS y (authority_id, academic_year, school_key, pupils, persistent, severe)
    SELECT * FROM d WHERE pupils <> 0 OR persistent <> 0 OR severe <> 0
    ON CONFLICT (authority_id, academic_year, school_key) DO UPDATE SET pupils = y.pupils + EXCLUDED.pupils,
      persistent = y.persistent + EXCLUDED.persistent, severe = y.severe + EXCLUDED.severe$q$,
    attendance_changed_rows(TG_OP,
      'authority_id, academic_year, school_key, possible, authorised + unauthorised AS absent'));
  RETURN NULL;
END $$;

-- The school-day rows a statement changed, added to their week (new minus old).
CREATE FUNCTION attendance_school_week_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format($q$
    WITH changed AS (%s)
    INSERT INTO attendance_school_week AS w (authority_id, week_start, school_key, possible, present,
      approved_activity, authorised, unauthorised)
    SELECT authority_id, date_trunc('week', date)::date, school_key, sum(n * possible), sum(n * present),
           sum(n * approved_activity), sum(n * authorised), sum(n * unauthorised)
    FROM changed GROUP BY 1, 2, 3
    ON CONFLICT (authority_id, week_start, school_key) DO UPDATE SET possible = w.possible + EXCLUDED.possible,
      present = w.present + EXCLUDED.present, approved_activity = w.approved_activity + EXCLUDED.approved_activity,
      authorised = w.authorised + EXCLUDED.authorised, unauthorised = w.unauthorised + EXCLUDED.unauthorised$q$,
    attendance_changed_rows(TG_OP,
      'authority_id, date, school_key, possible, present, approved_activity, authorised, unauthorised'));
  RETURN NULL;
END $$;

-- PostgreSQL allows transition tables only on a trigger of one event: three triggers each.
CREATE TRIGGER attendance_school_year_on_insert AFTER INSERT ON attendance_pupil_year
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION attendance_school_year_follow();
CREATE TRIGGER attendance_school_year_on_update AFTER UPDATE ON attendance_pupil_year
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION attendance_school_year_follow();
CREATE TRIGGER attendance_school_year_on_delete AFTER DELETE ON attendance_pupil_year
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION attendance_school_year_follow();

CREATE TRIGGER attendance_school_week_on_insert AFTER INSERT ON attendance_school_day
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION attendance_school_week_follow();
CREATE TRIGGER attendance_school_week_on_update AFTER UPDATE ON attendance_school_day
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION attendance_school_week_follow();
CREATE TRIGGER attendance_school_week_on_delete AFTER DELETE ON attendance_school_day
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION attendance_school_week_follow();

-- The app may not empty them (as the other summaries, ADR 031).
REVOKE TRUNCATE ON attendance_school_year, attendance_school_week FROM fast_track_runtime;
