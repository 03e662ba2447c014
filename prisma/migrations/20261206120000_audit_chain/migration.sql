-- The audit log proves itself (issue 12, ADR 030): every row carries its position in its authority's chain, the
-- hash of the row before it and the hash of its own canonical content, set by a BEFORE INSERT trigger, so every
-- writer gets the chain for free and none can forge it. Rows without an authority (for example a failed sign-in
-- for an unknown address) form one more chain of their own. The rows also say who acted beyond the user: the
-- system job, the API token, the session, the client address and request id, and why a record was read (the
-- purpose: the page or API route; the reason given for opening a record outside one's caseload).

ALTER TABLE audit_log
  ADD COLUMN chain_seq       bigint,
  ADD COLUMN prev_hash       text,
  ADD COLUMN row_hash        text,
  ADD COLUMN actor_system    text CHECK (actor_system ~ '^[a-z][a-z0-9-]*$'),
  ADD COLUMN actor_token_id  uuid REFERENCES api_token (id),
  ADD COLUMN session_id      text CHECK (length(session_id) <= 100),
  ADD COLUMN client_address  inet,
  ADD COLUMN request_id      text CHECK (length(request_id) <= 100),
  ADD COLUMN purpose         text CHECK (length(purpose) <= 500),
  ADD COLUMN reason          text CHECK (btrim(reason) <> '' AND length(reason) <= 2000);

-- Rows written before this migration named a system actor only in detail.via.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete;
UPDATE audit_log
SET actor_system = CASE WHEN detail->>'via' ~ '^[a-z][a-z0-9-]*$' THEN detail->>'via' ELSE 'unknown' END
WHERE actor_user_id IS NULL;

-- Where a chain starts when its oldest rows have been erased under the retention schedule: the position and hash
-- of the last erased row. A chain with no checkpoint starts at position 1 after the genesis hash (64 zeros).
CREATE TABLE audit_chain_checkpoint (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  authority_id  uuid REFERENCES authority (id),
  chain_seq     bigint NOT NULL CHECK (chain_seq > 0),
  row_hash      text NOT NULL CHECK (row_hash ~ '^[0-9a-f]{64}$'),
  erased_rows   bigint NOT NULL CHECK (erased_rows >= 0),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT audit_chain_checkpoint_one_per_chain UNIQUE NULLS NOT DISTINCT (authority_id)
);

-- The canonical content a row's hash covers: every column but the hash itself, in a fixed order, with the time
-- in UTC so that the session's time zone never changes it. `npm run cli -- audit verify` hashes the same text.
CREATE FUNCTION audit_log_canonical(r audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_array(
    r.id, r.chain_seq, r.prev_hash, to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    r.authority_id, r.actor_user_id, r.actor_system, r.actor_token_id, r.session_id, r.client_address::text,
    r.request_id, r.action, r.entity_type, r.entity_id, r.purpose, r.reason, r.detail
  )::text
$$;

CREATE FUNCTION audit_log_row_hash(r audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(r.prev_hash || audit_log_canonical(r), 'UTF8')), 'hex')
$$;

-- Existing rows join their chains in the order they were written.
DO $$
DECLARE
  r audit_log;
  chain uuid;
  first boolean := true;
  seq bigint := 0;
  last_hash text := repeat('0', 64);
BEGIN
  FOR r IN SELECT * FROM audit_log ORDER BY authority_id NULLS FIRST, id LOOP
    IF first OR r.authority_id IS DISTINCT FROM chain THEN
      chain := r.authority_id;
      seq := 0;
      last_hash := repeat('0', 64);
      first := false;
    END IF;
    seq := seq + 1;
    r.chain_seq := seq;
    r.prev_hash := last_hash;
    r.row_hash := audit_log_row_hash(r);
    UPDATE audit_log SET chain_seq = r.chain_seq, prev_hash = r.prev_hash, row_hash = r.row_hash WHERE id = r.id;
    last_hash := r.row_hash;
  END LOOP;
END;
$$;
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete;

ALTER TABLE audit_log
  ALTER COLUMN chain_seq SET NOT NULL,
  ALTER COLUMN prev_hash SET NOT NULL,
  ALTER COLUMN row_hash SET NOT NULL,
  ADD CONSTRAINT audit_log_hashes_are_sha256 CHECK (prev_hash ~ '^[0-9a-f]{64}$' AND row_hash ~ '^[0-9a-f]{64}$'),
  -- Someone acted: a user (possibly through one of their API tokens), or else a named system job.
  ADD CONSTRAINT audit_log_one_actor CHECK ((actor_user_id IS NULL) = (actor_system IS NOT NULL)),
  ADD CONSTRAINT audit_log_token_is_a_user CHECK (actor_token_id IS NULL OR actor_user_id IS NOT NULL);
CREATE UNIQUE INDEX audit_log_chain_idx ON audit_log (authority_id, chain_seq) NULLS NOT DISTINCT;
-- The auditor's searches: by actor, and everything about one record.
CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, at) WHERE actor_user_id IS NOT NULL;

-- Appends a row to its chain. The transaction-level advisory lock serialises the writers of one chain from their
-- audit insert to their commit (writers therefore append their audit rows last); writers in other authorities do
-- not wait. Reading the chain's last row after taking the lock sees every committed row, and the unique index
-- above refuses a fork should a writer ever read a stale head (for example under REPEATABLE READ). The time is
-- the database's clock when the row joins the chain, so `at` never goes backwards along a chain.
CREATE FUNCTION audit_log_append() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  last_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('audit_log'), hashtext(coalesce(NEW.authority_id::text, 'no authority')));
  IF NEW.authority_id IS NULL THEN
    SELECT a.chain_seq, a.row_hash INTO last_seq, last_hash
    FROM audit_log a WHERE a.authority_id IS NULL ORDER BY a.chain_seq DESC LIMIT 1;
  ELSE
    SELECT a.chain_seq, a.row_hash INTO last_seq, last_hash
    FROM audit_log a WHERE a.authority_id = NEW.authority_id ORDER BY a.chain_seq DESC LIMIT 1;
  END IF;
  IF last_seq IS NULL THEN
    SELECT c.chain_seq, c.row_hash INTO last_seq, last_hash
    FROM audit_chain_checkpoint c WHERE c.authority_id IS NOT DISTINCT FROM NEW.authority_id;
  END IF;
  NEW.chain_seq := coalesce(last_seq, 0) + 1;
  NEW.prev_hash := coalesce(last_hash, repeat('0', 64));
  NEW.at := clock_timestamp();
  NEW.row_hash := audit_log_row_hash(NEW);
  RETURN NEW;
END;
$$;
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append();
