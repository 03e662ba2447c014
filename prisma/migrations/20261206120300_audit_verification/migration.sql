-- The daily check of the audit log (issue 12, ADR 032): each run verifies the last day's rows of every chain and
-- records what it found here, one row per chain; on a break, the authority's administrators and auditors are told.
-- Append-only for the app, like the log itself: a break once recorded cannot be quietly removed.
CREATE TABLE audit_verification (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The chain checked: an authority's, or (NULL) the chain of rows without an authority.
  authority_id  uuid REFERENCES authority (id),
  verified_at   timestamptz NOT NULL DEFAULT now(),
  -- Rows written at or after this time were checked, with the link to the row before them.
  since         timestamptz NOT NULL,
  rows_checked  bigint NOT NULL CHECK (rows_checked >= 0),
  ok            boolean NOT NULL,
  -- The first row that broke the chain ({id, chainSeq, reason}); NULL when ok.
  break         jsonb,
  CONSTRAINT audit_verification_break_iff_not_ok CHECK (ok = (break IS NULL))
);
CREATE INDEX audit_verification_chain_idx ON audit_verification (authority_id, verified_at DESC);
REVOKE UPDATE, DELETE, TRUNCATE ON audit_verification FROM fast_track_runtime;

ALTER TABLE notification DROP CONSTRAINT notification_kind_check;
ALTER TABLE notification ADD CONSTRAINT notification_kind_check CHECK (kind IN (
  'window_improved', 'window_not_referred', 'referral_awaiting_review', 'referral_decided', 'hearing_upcoming',
  'audit_chain_broken'));
