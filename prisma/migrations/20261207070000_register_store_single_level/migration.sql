-- The register store's partition functions in the form of the table they find (issue 16; ADR 076). Same
-- signatures; on PostgreSQL nothing changes: attendance_mark is partitioned by authority (LIST) and each
-- authority's partition by academic year (RANGE), as ADR 050 made it.
--
-- On a Citus cluster the migration runner rebuilds the (empty) attendance_mark of a fresh database with one level
-- only, RANGE on date, and distributes it by authority_id with the rest of the per-authority data
-- (scripts/lib/citus.ts): Citus refuses multi-level partitioned tables, and the hash on authority_id already gives
-- each authority its own shard group. Its year partitions are then shared by every authority, named
-- attendance_mark_y<year>, and made on demand by these same functions (CREATE TABLE … PARTITION OF the distributed
-- table, which Citus distributes beside it). The functions tell the two forms apart by the table's partition
-- strategy, so the app's calls stay the same on both engines and its role still may not change the schema.

-- Whether attendance_mark has the single-level form (RANGE on date; the runner's form on Citus).
CREATE FUNCTION attendance_mark_single_level() RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT coalesce((SELECT p.partstrat = 'r' FROM pg_partitioned_table p
                   WHERE p.partrelid = to_regclass('public.attendance_mark')), false)
$$;

-- A year's partition in the single-level form: one table per academic year for every authority.
CREATE FUNCTION attendance_mark_year_name(p_year smallint) RETURNS text LANGUAGE sql IMMUTABLE
RETURN 'attendance_mark_y' || p_year;

-- Makes the shared year partition if missing (single-level form only): made as a table, then attached, because
-- attaching takes only a SHARE UPDATE EXCLUSIVE lock on attendance_mark (CREATE TABLE … PARTITION OF would take
-- an ACCESS EXCLUSIVE one), so an import that reads and writes the marks meanwhile neither waits for it nor blocks
-- it. On Citus, attaching a table to the distributed attendance_mark distributes it beside it. The app calls it in
-- a short transaction of its own, before the import's transaction writes (lib/server/register-store/partitions.ts):
-- on Citus, shards made by this function's owner may not be touched in a transaction in which the app's role
-- already wrote to the store.
CREATE FUNCTION attendance_mark_ensure_shared_year(p_year smallint) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  name text := attendance_mark_year_name(p_year);
BEGIN
  IF p_year NOT BETWEEN 1990 AND 2100 THEN RAISE EXCEPTION 'Academic year % out of range', p_year; END IF;
  IF NOT attendance_mark_single_level() THEN
    RAISE EXCEPTION 'attendance_mark has a partition per authority: use attendance_mark_ensure_year';
  END IF;
  IF to_regclass(format('public.%I', name)) IS NULL THEN
    EXECUTE format('CREATE TABLE public.%I (LIKE public.attendance_mark INCLUDING DEFAULTS INCLUDING CONSTRAINTS)',
                   name);
    EXECUTE format('ALTER TABLE public.attendance_mark ATTACH PARTITION public.%I FOR VALUES FROM (%L) TO (%L)',
                   name, make_date(p_year, 9, 1), make_date(p_year + 1, 9, 1));
  END IF;
  RETURN name;
END;
$$;

CREATE OR REPLACE FUNCTION attendance_mark_ensure_authority(p_authority uuid) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  name text := attendance_mark_partition_name(p_authority);
BEGIN
  -- Single-level: an authority has no partition of its own (its rows are in its shard of each year's table).
  IF attendance_mark_single_level() THEN RETURN; END IF;
  IF to_regclass(format('public.%I', name)) IS NOT NULL THEN RETURN; END IF;
  PERFORM 1 FROM authority WHERE id = p_authority;
  IF NOT FOUND THEN RAISE EXCEPTION 'No authority %', p_authority USING ERRCODE = 'foreign_key_violation'; END IF;
  EXECUTE format('CREATE TABLE public.%I (LIKE public.attendance_mark INCLUDING DEFAULTS INCLUDING CONSTRAINTS)
                  PARTITION BY RANGE (date)', name);
  EXECUTE format('ALTER TABLE public.attendance_mark ATTACH PARTITION public.%I FOR VALUES IN (%L)', name,
                 p_authority);
END;
$$;

-- Single-level: a first load COPYs into the shared year partition itself (made if missing, indexed already), and
-- its name is returned; two-level: as before, an empty, unindexed, unattached table of the authority's year.
CREATE OR REPLACE FUNCTION attendance_mark_new_year(p_authority uuid, p_year smallint) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  name text := attendance_mark_leaf_name(p_authority, p_year);
BEGIN
  IF p_year NOT BETWEEN 1990 AND 2100 THEN RAISE EXCEPTION 'Academic year % out of range', p_year; END IF;
  IF attendance_mark_single_level() THEN RETURN attendance_mark_ensure_shared_year(p_year); END IF;
  PERFORM attendance_mark_ensure_authority(p_authority);
  EXECUTE format('CREATE TABLE public.%I (LIKE public.attendance_mark INCLUDING DEFAULTS INCLUDING CONSTRAINTS)',
                 name);
  -- The partition's bounds as a CHECK, so that attaching needs no scan to prove them.
  EXECUTE format('ALTER TABLE public.%I ADD CONSTRAINT %I CHECK (authority_id = %L AND date >= %L AND date < %L)',
                 name, name || '_bounds', p_authority, make_date(p_year, 9, 1), make_date(p_year + 1, 9, 1));
  RETURN name;
END;
$$;

-- Single-level: nothing to do (the marks went into the attached, indexed year partition).
CREATE OR REPLACE FUNCTION attendance_mark_attach_year(p_authority uuid, p_year smallint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp SET maintenance_work_mem = '256MB'
AS $$
DECLARE
  name text := attendance_mark_leaf_name(p_authority, p_year);
  rel regclass := to_regclass(format('public.%I', name));
BEGIN
  IF attendance_mark_single_level() THEN RETURN; END IF;
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

CREATE OR REPLACE FUNCTION attendance_mark_ensure_year(p_authority uuid, p_year smallint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF attendance_mark_single_level() THEN
    PERFORM attendance_mark_ensure_shared_year(p_year);
    RETURN;
  END IF;
  IF to_regclass(format('public.%I', attendance_mark_leaf_name(p_authority, p_year))) IS NOT NULL THEN RETURN; END IF;
  PERFORM attendance_mark_new_year(p_authority, p_year);
  PERFORM attendance_mark_attach_year(p_authority, p_year);
END;
$$;

REVOKE ALL ON FUNCTION attendance_mark_ensure_shared_year(smallint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION attendance_mark_ensure_shared_year(smallint) TO fast_track_runtime;
