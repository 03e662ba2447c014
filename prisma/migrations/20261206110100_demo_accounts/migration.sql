-- Demo accounts cannot reach a live service (issue 11, hole 5). Demo users are marked, and a database that was
-- created as a demo says so in its one demo_database row: `npm start` writes it (embedded = true) when it seeds
-- the embedded database it created, and `npm run seed -- --demo` (embedded = false) when an operator adds demo
-- data to a server on purpose. A demo user may sign in only where that row exists.
ALTER TABLE app_user ADD COLUMN demo boolean NOT NULL DEFAULT false;

CREATE TABLE demo_database (
  only_row   boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  embedded   boolean NOT NULL,
  marked_at  timestamptz NOT NULL DEFAULT now()
);
