-- Letters to parents/carers (issue 4 §6). The rules live in lib/domain/letters.ts (kinds, merge fields,
-- validation); the constraints below hold the shape for any writer.

-- An authority's own text for a kind of letter. No row for a kind means the built-in default applies
-- (DEFAULT_TEMPLATES in lib/domain/letters.ts), so a new authority can send letters at once.
CREATE TABLE letter_template (
  authority_id  uuid NOT NULL REFERENCES authority (id),
  kind          text NOT NULL CHECK (kind IN ('meeting_invitation', 'warning', 'review', 'final_warning')),
  subject       text NOT NULL CHECK (btrim(subject) <> '' AND char_length(subject) <= 200 AND position(E'\n' IN subject) = 0),
  body          text NOT NULL CHECK (btrim(body) <> '' AND char_length(body) <= 20000),
  updated_by    uuid NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (authority_id, kind),
  FOREIGN KEY (updated_by, authority_id) REFERENCES app_user (id, authority_id)
);

-- One letter to one parent/carer who is a party to the case, as sent: the subject and body are stored merged,
-- so the PDF renders the same letter whenever it is downloaded, whatever later happens to the template or the
-- case. Letters produced together share a production_id, and a production has one letter per parent.
-- Rows are never changed or deleted (trigger below): a letter that was sent stays on the record.
CREATE TABLE case_letter (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id        uuid NOT NULL,
  parent_id      uuid NOT NULL,
  authority_id   uuid NOT NULL REFERENCES authority (id),
  production_id  uuid NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('meeting_invitation', 'warning', 'review', 'final_warning')),
  subject        text NOT NULL CHECK (btrim(subject) <> '' AND char_length(subject) <= 1000),
  body           text NOT NULL CHECK (btrim(body) <> '' AND position('{{' IN body) = 0),
  sent_on        date NOT NULL,
  produced_by    uuid NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT case_letter_one_per_parent_per_production UNIQUE (production_id, parent_id),
  UNIQUE (id, authority_id),
  FOREIGN KEY (case_id, parent_id) REFERENCES case_party (case_id, parent_id),
  FOREIGN KEY (case_id, authority_id) REFERENCES attendance_case (id, authority_id),
  FOREIGN KEY (parent_id, authority_id) REFERENCES parent (id, authority_id),
  FOREIGN KEY (produced_by, authority_id) REFERENCES app_user (id, authority_id)
);
CREATE INDEX case_letter_case_idx ON case_letter (case_id, sent_on DESC, created_at DESC);
CREATE INDEX case_letter_parent_idx ON case_letter (parent_id);

CREATE FUNCTION case_letter_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_letter rows are a record of letters sent: % is not allowed', TG_OP;
END;
$$;
CREATE TRIGGER case_letter_no_update BEFORE UPDATE OR DELETE ON case_letter
  FOR EACH ROW EXECUTE FUNCTION case_letter_frozen();
