-- Personal API tokens (issue 11, hole 2; docs/decisions/022-personal-api-tokens.md). A token has a name (label),
-- an expiry of at most 365 days (default 90), an optional read-only scope, and is revoked when its user's
-- password changes or the user is disabled. Tokens made before this migration expire 90 days after they were made.
ALTER TABLE api_token
  ADD COLUMN expires_at timestamptz,
  ADD COLUMN read_only boolean NOT NULL DEFAULT false,
  ADD COLUMN revoked_reason text
    CHECK (revoked_reason IN ('owner', 'administrator', 'password_changed', 'user_disabled'));

UPDATE api_token SET expires_at = created_at + interval '90 days';
UPDATE api_token SET label = 'API token' WHERE btrim(label) = '';
UPDATE api_token SET revoked_reason = 'administrator' WHERE revoked_at IS NOT NULL;

ALTER TABLE api_token
  ALTER COLUMN expires_at SET NOT NULL,
  ALTER COLUMN expires_at SET DEFAULT now() + interval '90 days',
  ALTER COLUMN label SET DEFAULT 'API token',
  ADD CONSTRAINT api_token_expiry_within_365_days
    CHECK (expires_at > created_at AND expires_at <= created_at + interval '365 days'),
  ADD CONSTRAINT api_token_named CHECK (btrim(label) <> '' AND length(label) <= 100),
  ADD CONSTRAINT api_token_revoked_with_reason CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL));

-- A user's tokens stop working when their password changes (theirs or an administrator's reset) or they are
-- disabled, whatever code path makes the change.
CREATE FUNCTION revoke_api_tokens_of_changed_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.password_hash IS DISTINCT FROM OLD.password_hash THEN
    UPDATE api_token SET revoked_at = now(), revoked_reason = 'password_changed'
    WHERE user_id = NEW.id AND revoked_at IS NULL;
  END IF;
  IF NEW.disabled AND NOT OLD.disabled THEN
    UPDATE api_token SET revoked_at = now(), revoked_reason = 'user_disabled'
    WHERE user_id = NEW.id AND revoked_at IS NULL;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER app_user_revokes_api_tokens AFTER UPDATE OF password_hash, disabled ON app_user
  FOR EACH ROW EXECUTE FUNCTION revoke_api_tokens_of_changed_user();
