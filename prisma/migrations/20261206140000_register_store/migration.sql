-- The register store, redesigned for the largest authority and beyond (docs/decisions/050-register-store.md,
-- superseding 006). Inside the store pupils and schools are integer keys (their UUIDs stay the public ids), codes
-- are small numbers, authority_id leads every key, and the marks are partitioned by authority (LIST) and then by
-- academic year (RANGE), one leaf table per authority and year, created when its first marks arrive. A first load
-- into a year with no marks COPYs into a new table and builds its index after; later loads change rows as before.
-- Existing marks, history, summaries and import records are carried over.

-- 1. Integer store keys. The sequences are global, so a key is unique everywhere; the unique keys include the
-- authority (every key of per-authority data does, for sharding by authority).
CREATE SEQUENCE pupil_store_key_seq AS integer;
ALTER TABLE pupil ADD COLUMN store_key integer NOT NULL DEFAULT nextval('pupil_store_key_seq');
ALTER SEQUENCE pupil_store_key_seq OWNED BY pupil.store_key;
ALTER TABLE pupil ADD CONSTRAINT pupil_store_key_unique UNIQUE (authority_id, store_key);

CREATE SEQUENCE school_store_key_seq AS integer;
ALTER TABLE school ADD COLUMN store_key integer NOT NULL DEFAULT nextval('school_store_key_seq');
ALTER SEQUENCE school_store_key_seq OWNED BY school.store_key;
ALTER TABLE school ADD CONSTRAINT school_store_key_unique UNIQUE (authority_id, store_key);

-- 2. Every national code numbered 1 to 61, the 2006 set first (1–26), in the order of lib/domain/attendance-codes.ts
-- (a test keeps the two identical). A mark stores the number: two bytes, checked by two plain CHECKs, its code set
-- and category given by the IMMUTABLE functions below (inlined by the planner, so as cheap as a column).
ALTER TABLE attendance_code ADD COLUMN id smallint;
UPDATE attendance_code c SET id = v.id FROM (VALUES
  (2006, '/', 1), (2006, '\', 2), (2006, 'L', 3), (2006, 'U', 4), (2006, 'B', 5), (2006, 'D', 6), (2006, 'J', 7),
  (2006, 'P', 8), (2006, 'V', 9), (2006, 'W', 10), (2006, 'C', 11), (2006, 'E', 12), (2006, 'F', 13), (2006, 'G', 14),
  (2006, 'H', 15), (2006, 'I', 16), (2006, 'M', 17), (2006, 'N', 18), (2006, 'O', 19), (2006, 'R', 20), (2006, 'S', 21),
  (2006, 'T', 22), (2006, 'X', 23), (2006, 'Y', 24), (2006, 'Z', 25), (2006, '#', 26),
  (2024, '/', 27), (2024, '\', 28), (2024, 'L', 29), (2024, 'K', 30), (2024, 'V', 31), (2024, 'P', 32), (2024, 'W', 33),
  (2024, 'B', 34), (2024, 'D', 35), (2024, 'C1', 36), (2024, 'M', 37), (2024, 'J1', 38), (2024, 'S', 39), (2024, 'X', 40),
  (2024, 'C2', 41), (2024, 'C', 42), (2024, 'T', 43), (2024, 'R', 44), (2024, 'I', 45), (2024, 'E', 46), (2024, 'Q', 47),
  (2024, 'Y1', 48), (2024, 'Y2', 49), (2024, 'Y3', 50), (2024, 'Y4', 51), (2024, 'Y5', 52), (2024, 'Y6', 53),
  (2024, 'Y7', 54), (2024, 'G', 55), (2024, 'N', 56), (2024, 'O', 57), (2024, 'U', 58), (2024, 'Z', 59), (2024, '#', 60)
) AS v(code_set, code, id) WHERE c.code_set = v.code_set AND c.code = v.code;
ALTER TABLE attendance_code ALTER COLUMN id SET NOT NULL;
ALTER TABLE attendance_code ADD CONSTRAINT attendance_code_id_unique UNIQUE (id);
ALTER TABLE attendance_code ADD CONSTRAINT attendance_code_id_in_range CHECK (id BETWEEN 1 AND 60);
ALTER TABLE attendance_code ADD CONSTRAINT attendance_code_id_by_set CHECK ((id > 26) = (code_set = 2024));

CREATE FUNCTION attendance_code_text(code_id smallint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (ARRAY['/', '\', 'L', 'U', 'B', 'D', 'J', 'P', 'V', 'W', 'C', 'E', 'F', 'G', 'H', 'I', 'M', 'N', 'O', 'R',
  'S', 'T', 'X', 'Y', 'Z', '#', '/', '\', 'L', 'K', 'V', 'P', 'W', 'B', 'D', 'C1', 'M', 'J1', 'S', 'X', 'C2', 'C',
  'T', 'R', 'I', 'E', 'Q', 'Y1', 'Y2', 'Y3', 'Y4', 'Y5', 'Y6', 'Y7', 'G', 'N', 'O', 'U', 'Z', '#'])[code_id];

CREATE FUNCTION attendance_mark_category(code_id smallint) RETURNS attendance_category LANGUAGE sql IMMUTABLE
PARALLEL SAFE RETURN (ARRAY['present', 'present', 'present', 'unauthorised', 'approved_activity', 'not_possible',
  'approved_activity', 'approved_activity', 'approved_activity', 'approved_activity', 'authorised', 'authorised',
  'authorised', 'unauthorised', 'authorised', 'authorised', 'authorised', 'unauthorised', 'unauthorised',
  'authorised', 'authorised', 'authorised', 'not_possible', 'not_possible', 'not_possible', 'not_possible',
  'present', 'present', 'present', 'approved_activity', 'approved_activity', 'approved_activity',
  'approved_activity', 'approved_activity', 'not_possible', 'authorised', 'authorised', 'authorised',
  'authorised', 'not_possible', 'authorised', 'authorised', 'authorised', 'authorised', 'authorised',
  'authorised', 'not_possible', 'not_possible', 'not_possible', 'not_possible', 'not_possible', 'not_possible',
  'not_possible', 'not_possible', 'unauthorised', 'unauthorised', 'unauthorised', 'unauthorised',
  'not_possible', 'not_possible']::attendance_category[])[code_id];

-- G, N, O and U in either set: the codes that count towards a penalty notice.
CREATE FUNCTION attendance_code_counts_for_penalty(code_id smallint) RETURNS boolean LANGUAGE sql IMMUTABLE
PARALLEL SAFE RETURN code_id IN (4, 14, 18, 19, 55, 56, 57, 58);

-- 3. The old tables make way (their rows are carried over below).
ALTER TABLE attendance_mark RENAME TO attendance_mark_v1;
ALTER TABLE attendance_mark_change RENAME TO attendance_mark_change_v1;
ALTER TABLE attendance_school_day RENAME TO attendance_school_day_v1;
ALTER TABLE attendance_pupil_week RENAME TO attendance_pupil_week_v1;
ALTER TABLE attendance_pupil_year RENAME TO attendance_pupil_year_v1;
ALTER TABLE attendance_year_summary RENAME TO attendance_year_summary_v1;
ALTER TABLE attendance_import RENAME TO attendance_import_v1;
ALTER SEQUENCE attendance_import_id_seq RENAME TO attendance_import_v1_id_seq;
ALTER SEQUENCE attendance_mark_change_id_seq RENAME TO attendance_mark_change_v1_id_seq;
-- Their indexes keep their names when the tables are renamed: renamed too, so the new tables can take them.
DO $$
DECLARE
  ix record;
BEGIN
  FOR ix IN
    SELECT i.indexrelid::regclass::text AS name FROM pg_index i
    WHERE i.indrelid = ANY (ARRAY['attendance_mark_v1', 'attendance_mark_change_v1', 'attendance_school_day_v1',
      'attendance_pupil_week_v1', 'attendance_pupil_year_v1', 'attendance_year_summary_v1',
      'attendance_import_v1']::regclass[])
  LOOP
    EXECUTE format('ALTER INDEX %I RENAME TO %I', ix.name, left(ix.name, 55) || '_v1');
  END LOOP;
END;
$$;

-- 4. Who imported what. Its counts are written by the same transaction as the marks.
CREATE TABLE attendance_import (
  authority_id     uuid NOT NULL REFERENCES authority (id),
  id               bigint GENERATED BY DEFAULT AS IDENTITY,
  school_id        uuid,
  uploaded_by      uuid,
  source           text NOT NULL CHECK (source IN ('csv', 'ctf')),
  filename         text NOT NULL DEFAULT '',
  sha256           text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  marks_created    integer NOT NULL DEFAULT 0 CHECK (marks_created >= 0),
  marks_updated    integer NOT NULL DEFAULT 0 CHECK (marks_updated >= 0),
  marks_unchanged  integer NOT NULL DEFAULT 0 CHECK (marks_unchanged >= 0),
  pupils_created   integer NOT NULL DEFAULT 0 CHECK (pupils_created >= 0),
  pupils_updated   integer NOT NULL DEFAULT 0 CHECK (pupils_updated >= 0),
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (authority_id, id),
  FOREIGN KEY (authority_id, school_id) REFERENCES school (authority_id, id),
  FOREIGN KEY (authority_id, uploaded_by) REFERENCES app_user (authority_id, id)
);
CREATE INDEX attendance_import_authority_idx ON attendance_import (authority_id, created_at);

-- 5. The marks. One row per pupil, school, date and session (0 = AM, 1 = PM); code_id is attendance_code.id, and
-- the code must be one of the set in force on the date. No foreign keys to pupil, school or import: at tens of
-- millions of rows a year their per-row checks would dominate a load, and the importer resolves all three. The
-- columns are ordered so that a row packs into 40 bytes. Partitions: one per authority (LIST), each divided by
-- academic year (RANGE on date, 1 September to 31 August), created by the functions below.
CREATE TABLE attendance_mark (
  authority_id  uuid NOT NULL,
  import_id     bigint,
  pupil_key     integer NOT NULL,
  date          date NOT NULL,
  school_key    integer NOT NULL,
  session       smallint NOT NULL,
  code_id       smallint NOT NULL,
  PRIMARY KEY (authority_id, pupil_key, date, session, school_key),
  CONSTRAINT attendance_mark_session CHECK (session IN (0, 1)),
  CONSTRAINT attendance_mark_code_valid CHECK (code_id BETWEEN 1 AND 60),
  CONSTRAINT attendance_mark_code_set_by_date CHECK ((code_id > 26) = (date >= DATE '2024-08-19'))
) PARTITION BY LIST (authority_id);

-- A re-sent mark that changes a code keeps the old one here (append-only for the app, as before).
CREATE TABLE attendance_mark_change (
  authority_id  uuid NOT NULL REFERENCES authority (id),
  id            bigint GENERATED BY DEFAULT AS IDENTITY,
  pupil_key     integer NOT NULL,
  date          date NOT NULL,
  session       smallint NOT NULL CHECK (session IN (0, 1)),
  school_key    integer NOT NULL,
  old_code_id   smallint NOT NULL CHECK (old_code_id BETWEEN 1 AND 60),
  new_code_id   smallint NOT NULL CHECK (new_code_id BETWEEN 1 AND 60),
  import_id     bigint NOT NULL,
  changed_by    uuid,
  changed_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (authority_id, id),
  CHECK (old_code_id <> new_code_id),
  FOREIGN KEY (authority_id, import_id) REFERENCES attendance_import (authority_id, id)
);
CREATE INDEX attendance_mark_change_pupil_idx ON attendance_mark_change (authority_id, pupil_key, date);

-- 6. Summaries, kept up to date in each import's transaction (see ADR 050).
CREATE TABLE attendance_school_day (
  authority_id       uuid NOT NULL REFERENCES authority (id),
  school_key         integer NOT NULL,
  date               date NOT NULL,
  possible           integer NOT NULL,
  present            integer NOT NULL,
  approved_activity  integer NOT NULL,
  authorised         integer NOT NULL,
  unauthorised       integer NOT NULL,
  PRIMARY KEY (authority_id, school_key, date),
  CHECK (possible = present + approved_activity + authorised + unauthorised)
);

-- The whole authority by day: any-range authority figures sum at most a few hundred rows a year.
CREATE TABLE attendance_authority_day (
  authority_id       uuid NOT NULL REFERENCES authority (id),
  date               date NOT NULL,
  possible           integer NOT NULL,
  present            integer NOT NULL,
  approved_activity  integer NOT NULL,
  authorised         integer NOT NULL,
  unauthorised       integer NOT NULL,
  PRIMARY KEY (authority_id, date),
  CHECK (possible = present + approved_activity + authorised + unauthorised)
);

CREATE TABLE attendance_pupil_week (
  authority_id           uuid NOT NULL REFERENCES authority (id),
  pupil_key              integer NOT NULL,
  week_start             date NOT NULL CHECK (extract(isodow FROM week_start) = 1),
  school_key             integer NOT NULL,
  possible               smallint NOT NULL,
  present                smallint NOT NULL,
  approved_activity      smallint NOT NULL,
  authorised             smallint NOT NULL,
  unauthorised           smallint NOT NULL,
  penalty_unauthorised   smallint NOT NULL,
  PRIMARY KEY (authority_id, pupil_key, week_start, school_key),
  CHECK (possible = present + approved_activity + authorised + unauthorised),
  CHECK (penalty_unauthorised <= unauthorised)
);

-- Per pupil, school and academic year: the year-to-date figures behind persistent and severe absence, and the most
-- G/N/O/U sessions in any 10 consecutive school weeks (NULL when the authority has no calendar for that year).
-- at_risk says whether the pupil is on the at-risk queue (the penalty-notice threshold, 10 sessions, or persistent
-- absence, 10%: the national figures of lib/domain, held here so that the queue reads a partial index).
CREATE TABLE attendance_pupil_year (
  authority_id           uuid NOT NULL REFERENCES authority (id),
  academic_year          smallint NOT NULL,
  pupil_key              integer NOT NULL,
  school_key             integer NOT NULL,
  possible               integer NOT NULL,
  present                integer NOT NULL,
  approved_activity      integer NOT NULL,
  authorised             integer NOT NULL,
  unauthorised           integer NOT NULL,
  max_penalty_10_weeks   integer,
  threshold_week_start   date,
  at_risk                boolean NOT NULL GENERATED ALWAYS AS (
                           coalesce(max_penalty_10_weeks >= 10, false)
                           OR (possible > 0 AND (authorised + unauthorised) * 100 >= 10 * possible)) STORED,
  PRIMARY KEY (authority_id, academic_year, pupil_key, school_key),
  CHECK (possible = present + approved_activity + authorised + unauthorised)
);
CREATE INDEX attendance_pupil_year_at_risk_idx ON attendance_pupil_year (authority_id, academic_year, school_key)
  WHERE at_risk;
CREATE INDEX attendance_pupil_year_school_idx ON attendance_pupil_year (authority_id, academic_year, school_key);

-- Years a Common Transfer File gives as counts only (see 20261128020000_ctf), now keyed by authority.
CREATE TABLE attendance_year_summary (
  authority_id           uuid NOT NULL REFERENCES authority (id),
  id                     uuid NOT NULL DEFAULT gen_random_uuid(),
  pupil_id               uuid NOT NULL,
  academic_year          smallint NOT NULL CHECK (academic_year BETWEEN 1990 AND 2100),
  la_code                text NOT NULL CHECK (la_code ~ '^[0-9]{3}$'),
  estab_number           text NOT NULL CHECK (estab_number ~ '^[0-9]{4}$'),
  school_name            text NOT NULL DEFAULT '',
  school_id              uuid,
  sessions_possible      integer NOT NULL CHECK (sessions_possible >= 0),
  sessions_authorised    integer NOT NULL CHECK (sessions_authorised >= 0),
  sessions_attended      integer NOT NULL CHECK (sessions_attended >= 0),
  sessions_unauthorised  integer NOT NULL CHECK (sessions_unauthorised >= 0),
  import_id              bigint NOT NULL,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (authority_id, id),
  CHECK (sessions_possible = sessions_attended + sessions_authorised + sessions_unauthorised),
  CONSTRAINT attendance_year_summary_one_per_school_year UNIQUE (authority_id, pupil_id, academic_year, la_code, estab_number),
  FOREIGN KEY (authority_id, pupil_id) REFERENCES pupil (authority_id, id),
  FOREIGN KEY (authority_id, school_id) REFERENCES school (authority_id, id),
  FOREIGN KEY (authority_id, import_id) REFERENCES attendance_import (authority_id, id)
);

-- Marks and their history as people (and tests) think of them: by pupil and school id, with the code's text and
-- category. Read-only conveniences; the app reads the tables.
CREATE VIEW register_mark AS
SELECT m.authority_id, p.id AS pupil_id, s.id AS school_id, m.date, m.session, c.code_set, c.code, c.category,
       m.import_id
FROM attendance_mark m
JOIN pupil p ON p.authority_id = m.authority_id AND p.store_key = m.pupil_key
JOIN school s ON s.authority_id = m.authority_id AND s.store_key = m.school_key
JOIN attendance_code c ON c.id = m.code_id;

CREATE VIEW register_mark_change AS
SELECT x.authority_id, x.id, p.id AS pupil_id, s.id AS school_id, x.date, x.session, o.code AS old_code,
       n.code AS new_code, x.import_id, x.changed_by, x.changed_at
FROM attendance_mark_change x
JOIN pupil p ON p.authority_id = x.authority_id AND p.store_key = x.pupil_key
JOIN school s ON s.authority_id = x.authority_id AND s.store_key = x.school_key
JOIN attendance_code o ON o.id = x.old_code_id
JOIN attendance_code n ON n.id = x.new_code_id;

-- 7. Partitions, created on demand. The app's role may not change the schema (ADR 031), so these functions run as
-- their owner (SECURITY DEFINER) and do only this: their arguments are a uuid and a year, table names are built
-- from them with format(%I), and the search path puts pg_temp last.

-- The year a date belongs to (unchanged from 006), and the table names for an authority and a year.
CREATE FUNCTION attendance_mark_partition_name(p_authority uuid) RETURNS text LANGUAGE sql IMMUTABLE
RETURN 'attendance_mark_' || replace(p_authority::text, '-', '');

CREATE FUNCTION attendance_mark_leaf_name(p_authority uuid, p_year smallint) RETURNS text LANGUAGE sql IMMUTABLE
RETURN 'attendance_mark_' || replace(p_authority::text, '-', '') || '_' || p_year;

-- The authority's partition (itself divided by year), attached if missing. Its own short transaction is best:
-- attaching takes a lock on attendance_mark that other authorities' first imports wait for.
CREATE FUNCTION attendance_mark_ensure_authority(p_authority uuid) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  name text := attendance_mark_partition_name(p_authority);
BEGIN
  IF to_regclass(format('public.%I', name)) IS NOT NULL THEN RETURN; END IF;
  PERFORM 1 FROM authority WHERE id = p_authority;
  IF NOT FOUND THEN RAISE EXCEPTION 'No authority %', p_authority USING ERRCODE = 'foreign_key_violation'; END IF;
  EXECUTE format('CREATE TABLE public.%I (LIKE public.attendance_mark INCLUDING DEFAULTS INCLUDING CONSTRAINTS)
                  PARTITION BY RANGE (date)', name);
  EXECUTE format('ALTER TABLE public.attendance_mark ATTACH PARTITION public.%I FOR VALUES IN (%L)', name,
                 p_authority);
END;
$$;

-- A year's table for a first load: created empty, without its index and not yet attached, so that the caller can
-- COPY into it at full speed. attendance_mark_attach_year then indexes and attaches it, in the same transaction.
CREATE FUNCTION attendance_mark_new_year(p_authority uuid, p_year smallint) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  name text := attendance_mark_leaf_name(p_authority, p_year);
BEGIN
  IF p_year NOT BETWEEN 1990 AND 2100 THEN RAISE EXCEPTION 'Academic year % out of range', p_year; END IF;
  PERFORM attendance_mark_ensure_authority(p_authority);
  EXECUTE format('CREATE TABLE public.%I (LIKE public.attendance_mark INCLUDING DEFAULTS INCLUDING CONSTRAINTS)',
                 name);
  -- The partition's bounds as a CHECK, so that attaching needs no scan to prove them.
  EXECUTE format('ALTER TABLE public.%I ADD CONSTRAINT %I CHECK (authority_id = %L AND date >= %L AND date < %L)',
                 name, name || '_bounds', p_authority, make_date(p_year, 9, 1), make_date(p_year + 1, 9, 1));
  RETURN name;
END;
$$;

CREATE FUNCTION attendance_mark_attach_year(p_authority uuid, p_year smallint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp SET maintenance_work_mem = '256MB'
AS $$
DECLARE
  name text := attendance_mark_leaf_name(p_authority, p_year);
  rel regclass := to_regclass(format('public.%I', name));
BEGIN
  IF rel IS NULL OR EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = rel) THEN
    RAISE EXCEPTION 'No unattached year % for authority %', p_year, p_authority;
  END IF;
  EXECUTE format('ALTER TABLE public.%I ADD PRIMARY KEY (authority_id, pupil_key, date, session, school_key)', name);
  EXECUTE format('ALTER TABLE public.%I ATTACH PARTITION public.%I FOR VALUES FROM (%L) TO (%L)',
                 attendance_mark_partition_name(p_authority), name, make_date(p_year, 9, 1),
                 make_date(p_year + 1, 9, 1));
  EXECUTE format('ANALYZE public.%I', name);
END;
$$;

-- A year's table created empty, indexed and attached, if missing: for loads into a year that has marks elsewhere
-- in the same file, and for the carry-over below.
CREATE FUNCTION attendance_mark_ensure_year(p_authority uuid, p_year smallint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF to_regclass(format('public.%I', attendance_mark_leaf_name(p_authority, p_year))) IS NOT NULL THEN RETURN; END IF;
  PERFORM attendance_mark_new_year(p_authority, p_year);
  PERFORM attendance_mark_attach_year(p_authority, p_year);
END;
$$;

REVOKE ALL ON FUNCTION attendance_mark_ensure_authority(uuid), attendance_mark_new_year(uuid, smallint),
  attendance_mark_attach_year(uuid, smallint), attendance_mark_ensure_year(uuid, smallint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION attendance_mark_ensure_authority(uuid), attendance_mark_new_year(uuid, smallint),
  attendance_mark_attach_year(uuid, smallint), attendance_mark_ensure_year(uuid, smallint) TO fast_track_runtime;

-- 8. Carry over what the old tables held.
INSERT INTO attendance_import (authority_id, id, school_id, uploaded_by, source, filename, sha256, marks_created,
  marks_updated, marks_unchanged, pupils_created, pupils_updated, created_at)
SELECT authority_id, id, school_id, uploaded_by, source, filename, sha256, marks_created, marks_updated,
  marks_unchanged, pupils_created, pupils_updated, created_at FROM attendance_import_v1;
SELECT setval(pg_get_serial_sequence('attendance_import', 'id'), coalesce((SELECT max(id) FROM attendance_import), 0) + 1, false);

SELECT attendance_mark_ensure_year(y.authority_id, y.academic_year)
FROM (SELECT DISTINCT authority_id, academic_year(date) AS academic_year FROM attendance_mark_v1) y;

INSERT INTO attendance_mark (authority_id, import_id, pupil_key, date, school_key, session, code_id)
SELECT m.authority_id, m.import_id, p.store_key, m.date, s.store_key, m.session, c.id
FROM attendance_mark_v1 m
JOIN pupil p ON p.id = m.pupil_id
JOIN school s ON s.id = m.school_id
JOIN attendance_code c ON c.code_set = m.code_set AND c.code = m.code;

INSERT INTO attendance_mark_change (authority_id, id, pupil_key, date, session, school_key, old_code_id, new_code_id,
  import_id, changed_by, changed_at)
SELECT x.authority_id, x.id, p.store_key, x.date, x.session, s.store_key, o.id, n.id, x.import_id, x.changed_by,
  x.changed_at
FROM attendance_mark_change_v1 x
JOIN pupil p ON p.id = x.pupil_id
JOIN school s ON s.id = x.school_id
JOIN attendance_code o ON o.code_set = (CASE WHEN x.date >= DATE '2024-08-19' THEN 2024 ELSE 2006 END) AND o.code = x.old_code
JOIN attendance_code n ON n.code_set = (CASE WHEN x.date >= DATE '2024-08-19' THEN 2024 ELSE 2006 END) AND n.code = x.new_code;
SELECT setval(pg_get_serial_sequence('attendance_mark_change', 'id'),
  coalesce((SELECT max(id) FROM attendance_mark_change), 0) + 1, false);

INSERT INTO attendance_school_day (authority_id, school_key, date, possible, present, approved_activity, authorised,
  unauthorised)
SELECT d.authority_id, s.store_key, d.date, d.possible, d.present, d.approved_activity, d.authorised, d.unauthorised
FROM attendance_school_day_v1 d JOIN school s ON s.id = d.school_id;

INSERT INTO attendance_authority_day (authority_id, date, possible, present, approved_activity, authorised,
  unauthorised)
SELECT authority_id, date, sum(possible), sum(present), sum(approved_activity), sum(authorised), sum(unauthorised)
FROM attendance_school_day_v1 GROUP BY authority_id, date;

INSERT INTO attendance_pupil_week (authority_id, pupil_key, week_start, school_key, possible, present,
  approved_activity, authorised, unauthorised, penalty_unauthorised)
SELECT w.authority_id, p.store_key, w.week_start, s.store_key, w.possible, w.present, w.approved_activity,
  w.authorised, w.unauthorised, w.penalty_unauthorised
FROM attendance_pupil_week_v1 w JOIN pupil p ON p.id = w.pupil_id JOIN school s ON s.id = w.school_id;

INSERT INTO attendance_pupil_year (authority_id, academic_year, pupil_key, school_key, possible, present,
  approved_activity, authorised, unauthorised, max_penalty_10_weeks, threshold_week_start)
SELECT y.authority_id, y.academic_year, p.store_key, s.store_key, y.possible, y.present, y.approved_activity,
  y.authorised, y.unauthorised, y.max_penalty_10_weeks, y.threshold_week_start
FROM attendance_pupil_year_v1 y JOIN pupil p ON p.id = y.pupil_id JOIN school s ON s.id = y.school_id;

INSERT INTO attendance_year_summary (authority_id, id, pupil_id, academic_year, la_code, estab_number, school_name,
  school_id, sessions_possible, sessions_authorised, sessions_attended, sessions_unauthorised, import_id, created_at,
  updated_at)
SELECT authority_id, id, pupil_id, academic_year, la_code, estab_number, school_name, school_id, sessions_possible,
  sessions_authorised, sessions_attended, sessions_unauthorised, import_id, created_at, updated_at
FROM attendance_year_summary_v1;

DROP TABLE attendance_mark_v1, attendance_mark_change_v1, attendance_school_day_v1, attendance_pupil_week_v1,
  attendance_pupil_year_v1, attendance_year_summary_v1, attendance_import_v1;

-- The old marks' category check is replaced by the functions above.
DROP FUNCTION attendance_code_category(smallint, text);

-- 9. The app's grants (ADR 031): rows in the new tables come from the default privileges; the history of changed
-- marks stays append-only, and the store's partitions are created only through the functions above.
REVOKE UPDATE, DELETE, TRUNCATE ON attendance_mark_change FROM fast_track_runtime;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON register_mark, register_mark_change FROM fast_track_runtime;
REVOKE TRUNCATE ON attendance_mark, attendance_import, attendance_school_day, attendance_authority_day,
  attendance_pupil_week, attendance_pupil_year, attendance_year_summary FROM fast_track_runtime;
