-- A second factor for every role (issue 11, hole 4; docs/decisions/023-second-factor.md): a TOTP secret,
-- encrypted with a key from the environment (never stored in the clear), set at enrolment; the last time step
-- accepted (a code is never accepted twice); and ten recovery codes, stored only as argon2id hashes (a JSON array),
-- each used once.
ALTER TABLE app_user
  ADD COLUMN totp_secret text,
  ADD COLUMN totp_pending_secret text,
  ADD COLUMN totp_enrolled_at timestamptz,
  ADD COLUMN totp_last_step bigint,
  ADD COLUMN recovery_code_hashes jsonb NOT NULL DEFAULT '[]',
  ADD CONSTRAINT app_user_totp_enrolled_with_secret CHECK ((totp_secret IS NULL) = (totp_enrolled_at IS NULL)),
  ADD CONSTRAINT app_user_totp_secret_encrypted
    CHECK (totp_secret IS NULL OR totp_secret LIKE 'v1.%') ,
  ADD CONSTRAINT app_user_totp_pending_secret_encrypted
    CHECK (totp_pending_secret IS NULL OR totp_pending_secret LIKE 'v1.%'),
  ADD CONSTRAINT app_user_recovery_codes_list
    CHECK (jsonb_typeof(recovery_code_hashes) = 'array' AND jsonb_array_length(recovery_code_hashes) <= 10);
