-- The marks' key by month (issue 14 §2; ADR 083). On PostgreSQL (the two-level form: attendance_mark LIST by
-- authority, each authority's partition RANGE by academic year), a year's table made from now on is itself
-- partitioned by RANGE on date, one partition per calendar month, September to August, each with the pupil-led key
-- (authority_id, pupil_key, date, session, school_key). A day's marks then go into the leaves of one month's key,
-- about six pupils' month to a leaf, instead of one leaf of the year's key per pupil: at Kent's size a day dirties
-- (and writes whole to the WAL after a checkpoint) about a sixth of the pages.
--
-- Only attendance_mark_new_year changes. A first load still COPYs into a new, unattached and unindexed table (now
-- partitioned: its rows are routed to the months), and attendance_mark_attach_year, unchanged, builds the key (on a
-- partitioned table: one index per month) and attaches the year. Years stored before this migration stay single
-- tables: nothing reads or writes a year by its table's name, and the key's order within a year table is the same,
-- so the two kinds of year live side by side; a year is converted only by loading it again.
--
-- The single-level form (Citus, ADR 076) keeps its shared year partitions: unchanged here.

-- A month's table of an authority's year: the year's table name and the month's first day, as YYYYMM.
CREATE FUNCTION attendance_mark_month_name(p_authority uuid, p_year smallint, p_month date) RETURNS text
LANGUAGE sql IMMUTABLE
RETURN attendance_mark_leaf_name(p_authority, p_year) || '_' || to_char(p_month, 'YYYYMM');

CREATE OR REPLACE FUNCTION attendance_mark_new_year(p_authority uuid, p_year smallint) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  name text := attendance_mark_leaf_name(p_authority, p_year);
  month date;
BEGIN
  IF p_year NOT BETWEEN 1990 AND 2100 THEN RAISE EXCEPTION 'Academic year % out of range', p_year; END IF;
  IF attendance_mark_single_level() THEN RETURN attendance_mark_ensure_shared_year(p_year); END IF;
  PERFORM attendance_mark_ensure_authority(p_authority);
  EXECUTE format('CREATE TABLE public.%I (LIKE public.attendance_mark INCLUDING DEFAULTS INCLUDING CONSTRAINTS)
                  PARTITION BY RANGE (date)', name);
  -- The partition's bounds as a CHECK (inherited by each month), so that attaching needs no scan to prove them.
  EXECUTE format('ALTER TABLE public.%I ADD CONSTRAINT %I CHECK (authority_id = %L AND date >= %L AND date < %L)',
                 name, name || '_bounds', p_authority, make_date(p_year, 9, 1), make_date(p_year + 1, 9, 1));
  FOR i IN 0..11 LOOP
    month := (make_date(p_year, 9, 1) + make_interval(months => i))::date;
    EXECUTE format('CREATE TABLE public.%I PARTITION OF public.%I FOR VALUES FROM (%L) TO (%L)',
                   attendance_mark_month_name(p_authority, p_year, month), name, month,
                   (month + interval '1 month')::date);
  END LOOP;
  RETURN name;
END;
$$;
