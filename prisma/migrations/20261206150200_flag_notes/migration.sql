-- Schools add to a flag that is still waiting (issue 15: "Flagging a pupil who already has an open flag or case says
-- so and offers to add to it"). A note is added by staff of the pupil's school to an undecided flag; officers see
-- it when they triage. Notes are never changed or removed once written.
CREATE TABLE case_flag_note (
  authority_id  uuid NOT NULL REFERENCES authority (id),
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  flag_id       uuid NOT NULL,
  school_id     uuid NOT NULL,
  added_by      uuid NOT NULL,
  note          text NOT NULL CHECK (btrim(note) <> '' AND length(note) <= 2000),
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (authority_id, id),
  FOREIGN KEY (school_id, authority_id) REFERENCES school (id, authority_id),
  FOREIGN KEY (added_by, authority_id) REFERENCES app_user (id, authority_id)
);
-- case_flag has no (id, authority_id) key of its own yet: add it (unless another change already did), so the note's
-- foreign key is composite.
DO $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM pg_constraint c
    WHERE c.conrelid = 'case_flag'::regclass AND c.contype IN ('u', 'p')
      AND (SELECT array_agg(a.attname ORDER BY a.attname) FROM pg_attribute a
           WHERE a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)) = ARRAY['authority_id', 'id']::name[]
  ) THEN
    ALTER TABLE case_flag ADD CONSTRAINT case_flag_id_authority_id_key UNIQUE (id, authority_id);
  END IF;
END;
$$;
ALTER TABLE case_flag_note ADD CONSTRAINT case_flag_note_flag_fk FOREIGN KEY (flag_id, authority_id)
  REFERENCES case_flag (id, authority_id);
CREATE INDEX case_flag_note_by_id ON case_flag_note (id);
CREATE INDEX case_flag_note_flag_idx ON case_flag_note (authority_id, flag_id, created_at);

-- Only to a flag that is still waiting, and never rewritten.
CREATE FUNCTION case_flag_note_rules() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  flag_status text;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION 'case_flag_note %: a note added to a flag is never changed or removed', OLD.id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'case_flag_note_rules';
  END IF;
  SELECT status INTO flag_status FROM case_flag WHERE id = NEW.flag_id AND authority_id = NEW.authority_id;
  IF flag_status IS DISTINCT FROM 'new' THEN
    RAISE EXCEPTION 'case_flag_note: flag % has been decided (%), so nothing can be added to it', NEW.flag_id, flag_status
      USING ERRCODE = 'check_violation', CONSTRAINT = 'case_flag_note_rules';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER case_flag_note_rules BEFORE INSERT OR UPDATE OR DELETE ON case_flag_note
  FOR EACH ROW EXECUTE FUNCTION case_flag_note_rules();

-- The case officer is told when the school adds a flag to an open case.
-- The school is told when its flag is decided (accepted, declined or added to an open case), when the case it
-- opened starts its Fast Track window, and when the window is decided (lib/server/notifications/notify-schools.ts).
ALTER TABLE notification DROP CONSTRAINT notification_kind_check;
ALTER TABLE notification ADD CONSTRAINT notification_kind_check CHECK (kind IN (
  'window_improved', 'window_not_referred', 'referral_awaiting_review', 'referral_decided', 'hearing_upcoming',
  'flag_accepted', 'flag_declined', 'flag_merged', 'window_started', 'window_decided', 'flag_added_by_school',
  'audit_chain_broken'));
