-- Structured records of contact with a family (issue 15 §3): a home visit, a meeting or a phone call records its time,
-- what came of it, whether the child was seen, anyone seen besides the parents (the parents seen are the entry's
-- case_event_party rows) and the next step. Held three times: contactRecordProblems in
-- lib/domain/contact-records.ts, the timeline form's zod schema in lib/schemas/case.ts, and these CHECKs. Entries
-- recorded before (and entries made elsewhere, such as a completed task) have none of it: all the columns are null.
-- One statement per change, each constraint in its own ALTER TABLE (ADR 071: migrations on a distributed cluster).
ALTER TABLE case_event ADD COLUMN contact_time text;
ALTER TABLE case_event ADD COLUMN contact_outcome text;
ALTER TABLE case_event ADD COLUMN child_seen boolean;
ALTER TABLE case_event ADD COLUMN others_seen text;
ALTER TABLE case_event ADD COLUMN next_step text;

-- A time of day, "HH:MM" on the 24-hour clock (lib/domain/time-of-day.ts).
ALTER TABLE case_event ADD CONSTRAINT case_event_contact_time_of_day CHECK (
  contact_time IS NULL OR contact_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$');

-- Only visits, meetings and calls carry a contact record.
ALTER TABLE case_event ADD CONSTRAINT case_event_contact_only_on_contacts CHECK (
  kind IN ('home_visit', 'meeting', 'phone_call')
  OR (contact_time IS NULL AND contact_outcome IS NULL AND child_seen IS NULL AND others_seen IS NULL
      AND next_step IS NULL));

-- The outcomes each kind can have (OUTCOMES_BY_KIND): nobody leaves a card at a meeting.
ALTER TABLE case_event ADD CONSTRAINT case_event_contact_outcome_fits_kind CHECK (
  contact_outcome IS NULL
  OR (kind IN ('home_visit', 'phone_call') AND contact_outcome IN ('spoke_to_parent', 'no_access', 'card_left', 'refused'))
  OR (kind = 'meeting' AND contact_outcome IN ('spoke_to_parent', 'no_access', 'refused')));

-- A record is whole or absent: a time, an outcome and a next step together, and for a visit or a meeting whether the
-- child was seen (never asked of a phone call).
ALTER TABLE case_event ADD CONSTRAINT case_event_contact_complete CHECK (
  (contact_outcome IS NULL) = (contact_time IS NULL)
  AND (contact_outcome IS NULL) = (next_step IS NULL)
  AND (next_step IS NULL OR btrim(next_step) <> '')
  AND CASE WHEN kind = 'phone_call' THEN child_seen IS NULL ELSE (contact_outcome IS NULL) = (child_seen IS NULL) END);

-- No one, the child included, can have been seen when there was no access (or no one came to the meeting). The
-- parents are the entry's case_event_party rows, checked by the server (contactRecordProblems).
ALTER TABLE case_event ADD CONSTRAINT case_event_no_one_seen_without_access CHECK (
  NOT (contact_outcome IN ('no_access', 'card_left')
       AND (coalesce(child_seen, false) OR coalesce(btrim(others_seen), '') <> '')));
