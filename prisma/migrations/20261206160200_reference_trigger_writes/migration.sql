-- A trigger on a reference table that changes another reference table (ADR 071). On Citus a reference table has a
-- copy on every node, and a row trigger fires on each copy; an ordinary UPDATE inside it would be a distributed
-- write from inside a write, to every node, once per copy. So such a trigger writes the copy of the other table on
-- its own node, named by local_relation(); on PostgreSQL local_relation() is the table itself. Its timestamps must
-- be the same on every copy: they come from the row being changed, not from each node's clock.

-- The relation a trigger should read or write for `rel`: `rel` itself, or on Citus, where a reference table's
-- trigger runs on each node's copy, that node's copy of `rel` (a reference table has one shard, placed everywhere).
CREATE FUNCTION local_relation(rel regclass) RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE
  shard bigint;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    RETURN rel::text;
  END IF;
  SELECT s.shardid INTO shard FROM pg_dist_partition p JOIN pg_dist_shard s USING (logicalrelid)
  WHERE p.logicalrelid = rel AND p.partmethod = 'n' AND p.repmodel = 't';
  IF shard IS NULL THEN
    RETURN rel::text;
  END IF;
  RETURN shard_name(rel, shard);
END;
$$;

-- A user's tokens stop working when their password changes or they are disabled (ADR 022), stamped with the time
-- the user's row was changed (updated_at, which every update by the app sets; an update that leaves it as it was
-- is stamped with now()).
CREATE OR REPLACE FUNCTION revoke_api_tokens_of_changed_user() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  stamp timestamptz := CASE WHEN NEW.updated_at IS DISTINCT FROM OLD.updated_at THEN NEW.updated_at ELSE now() END;
  reason text;
BEGIN
  IF NEW.password_hash IS DISTINCT FROM OLD.password_hash THEN
    reason := 'password_changed';
  ELSIF NEW.disabled AND NOT OLD.disabled THEN
    reason := 'user_disabled';
  ELSE
    RETURN NEW;
  END IF;
  EXECUTE format('UPDATE %s SET revoked_at = $1, revoked_reason = $2
                  WHERE authority_id = $3 AND user_id = $4 AND revoked_at IS NULL', local_relation('api_token'))
    USING stamp, reason, NEW.authority_id, NEW.id;
  RETURN NEW;
END;
$$;
