-- Sign-in throttling without a read-then-write race (issue 11, hole 3). Each attempt reserves its slot with one
-- INSERT … ON CONFLICT DO UPDATE … RETURNING on its key before any password or code is checked, so parallel
-- attempts are counted one after another. Keys: 'account:<email typed>', 'address:<client address>',
-- 'second-factor:<user id>'. Rows in flight are lost with the old table; at worst a lock in force ends early.
DROP TABLE sign_in_throttle;

CREATE TABLE sign_in_throttle (
  key                text PRIMARY KEY CHECK (key ~ '^(account|address|second-factor):.+$'),
  attempts           integer NOT NULL CHECK (attempts >= 0),
  window_started_at  timestamptz NOT NULL,
  locked_until       timestamptz,
  updated_at         timestamptz NOT NULL DEFAULT now()
);
