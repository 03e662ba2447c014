-- Court records that follow the hearings (issue 15, section 6), and corrections with a reason.
-- The rules live in lib/domain/hearings.ts (hearingDayProblem, hearingTimeProblem, outcomeDateProblem) and
-- lib/schemas/referrals.ts; the constraints below hold them for any writer:
-- - a hearing is at a court from the authority's list, at a time of day in court hours, on a weekday (a Saturday only
--   once the sitting is confirmed), never on a Sunday;
-- - an outcome belongs to one of its referral's hearings, not an adjourned one, and is dated on or after it;
-- - a recorded outcome or timeline entry changes only as a correction, with who, when and why (the original stays in
--   the audit log, written by the service in the same transaction).
-- Rows recorded before these rules (the demo had Sunday hearings and outcomes with no hearing) are left as they were:
-- the new CHECKs are NOT VALID, so they hold for every row written or changed from now on.

-- The authority's list of magistrates' courts.
CREATE TABLE court (
  authority_id  uuid NOT NULL REFERENCES authority (id),
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  name          text NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 200),
  address       text NOT NULL DEFAULT '' CHECK (length(address) <= 500),
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (authority_id, id)
);
CREATE INDEX court_by_id ON court (id);
CREATE UNIQUE INDEX court_name_once ON court (authority_id, lower(btrim(name)));

-- Every court already named on a hearing joins its authority's list.
INSERT INTO court (authority_id, name)
SELECT DISTINCT ON (authority_id, lower(btrim(court_name))) authority_id, btrim(court_name)
FROM court_hearing
ORDER BY authority_id, lower(btrim(court_name)), created_at
ON CONFLICT DO NOTHING;

ALTER TABLE court_hearing
  ADD COLUMN court_id uuid,
  ADD COLUMN hearing_time text,
  ADD COLUMN saturday_confirmed boolean NOT NULL DEFAULT false,
  ADD CONSTRAINT court_hearing_court_fk FOREIGN KEY (court_id, authority_id) REFERENCES court (id, authority_id),
  -- HEARING_HOURS in lib/domain/hearings.ts: 08:00 to 18:00.
  ADD CONSTRAINT court_hearing_time_of_day CHECK (
    hearing_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' AND hearing_time BETWEEN '08:00' AND '18:00'),
  ADD CONSTRAINT court_hearing_saturday_confirmed_only_on_saturday CHECK (
    NOT saturday_confirmed OR extract(isodow FROM hearing_date) = 6);
UPDATE court_hearing h SET court_id = c.id
FROM court c
WHERE c.authority_id = h.authority_id AND lower(btrim(c.name)) = lower(btrim(h.court_name));
ALTER TABLE court_hearing
  ADD CONSTRAINT court_hearing_has_court_and_time CHECK (court_id IS NOT NULL AND hearing_time IS NOT NULL) NOT VALID,
  ADD CONSTRAINT court_hearing_on_a_weekday CHECK (
    extract(isodow FROM hearing_date) < 6 OR (extract(isodow FROM hearing_date) = 6 AND saturday_confirmed)) NOT VALID,
  -- The key an outcome points at: the hearing, its referral, its date and whether it was adjourned.
  ADD CONSTRAINT court_hearing_outcome_key UNIQUE (authority_id, id, referral_id, hearing_date, adjourned);
CREATE INDEX court_hearing_court_idx ON court_hearing (authority_id, court_id, hearing_date);

-- An outcome belongs to a hearing: the composite key copies the hearing's referral, date and adjournment, so the
-- CHECKs below can see them (ON UPDATE CASCADE: moving or adjourning that hearing re-checks the outcome).
ALTER TABLE court_outcome
  ADD COLUMN hearing_id uuid,
  ADD COLUMN hearing_date date,
  ADD COLUMN hearing_adjourned boolean,
  ADD COLUMN decided_on date,
  ADD COLUMN corrected_at timestamptz,
  ADD COLUMN corrected_by uuid,
  ADD COLUMN correction_reason text,
  ADD CONSTRAINT court_outcome_hearing_fk
    FOREIGN KEY (authority_id, hearing_id, referral_id, hearing_date, hearing_adjourned)
    REFERENCES court_hearing (authority_id, id, referral_id, hearing_date, adjourned) ON UPDATE CASCADE,
  ADD CONSTRAINT court_outcome_on_or_after_hearing CHECK (decided_on >= hearing_date),
  ADD CONSTRAINT court_outcome_not_at_adjourned_hearing CHECK (NOT hearing_adjourned),
  ADD CONSTRAINT court_outcome_corrected_with_reason CHECK (
    (corrected_at IS NULL) = (corrected_by IS NULL)
    AND (corrected_at IS NULL) = (correction_reason IS NULL OR btrim(correction_reason) = '')),
  ADD CONSTRAINT court_outcome_corrected_by_fk FOREIGN KEY (corrected_by, authority_id) REFERENCES app_user (id, authority_id);

-- Outcomes already recorded belong to their referral's latest hearing that was not adjourned and was on or before
-- the day the outcome was recorded, dated that hearing's day; one with no such hearing keeps no hearing.
UPDATE court_outcome o SET (hearing_id, hearing_date, hearing_adjourned, decided_on) = (
  SELECT h.id, h.hearing_date, h.adjourned, h.hearing_date FROM court_hearing h
  WHERE h.referral_id = o.referral_id AND NOT h.adjourned
    AND h.hearing_date <= (o.created_at AT TIME ZONE 'Europe/London')::date
  ORDER BY h.hearing_date DESC, h.created_at DESC
  LIMIT 1
);
ALTER TABLE court_outcome
  ADD CONSTRAINT court_outcome_has_hearing CHECK (hearing_id IS NOT NULL AND decided_on IS NOT NULL) NOT VALID;

-- Timeline entries: corrected with a reason, never rewritten silently.
ALTER TABLE case_event
  ADD COLUMN corrected_at timestamptz,
  ADD COLUMN corrected_by uuid,
  ADD COLUMN correction_reason text,
  ADD CONSTRAINT case_event_corrected_with_reason CHECK (
    (corrected_at IS NULL) = (corrected_by IS NULL)
    AND (corrected_at IS NULL) = (correction_reason IS NULL OR btrim(correction_reason) = '')),
  ADD CONSTRAINT case_event_corrected_by_fk FOREIGN KEY (corrected_by, authority_id) REFERENCES app_user (id, authority_id);

-- What an entry is (its case, kind, author and when it was written) never changes; what it says (date, note,
-- details) changes only as a new correction, with its reason.
CREATE FUNCTION case_event_changes_are_corrections() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.case_id IS DISTINCT FROM OLD.case_id OR NEW.authority_id IS DISTINCT FROM OLD.authority_id
     OR NEW.kind IS DISTINCT FROM OLD.kind OR NEW.actor_user_id IS DISTINCT FROM OLD.actor_user_id
     OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
    RAISE EXCEPTION 'case_event %: an entry''s case, kind, author and time of writing never change', OLD.id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'case_event_changes_are_corrections';
  END IF;
  IF (NEW.occurred_on IS DISTINCT FROM OLD.occurred_on OR NEW.note IS DISTINCT FROM OLD.note
      OR NEW.details IS DISTINCT FROM OLD.details)
     AND (NEW.corrected_at IS NULL OR NEW.corrected_at IS NOT DISTINCT FROM OLD.corrected_at) THEN
    RAISE EXCEPTION 'case_event %: a change to a timeline entry is recorded as a correction, with its reason', OLD.id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'case_event_changes_are_corrections';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER case_event_changes_are_corrections BEFORE UPDATE ON case_event
  FOR EACH ROW EXECUTE FUNCTION case_event_changes_are_corrections();
