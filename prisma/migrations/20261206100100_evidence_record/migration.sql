-- The evidence a referral rests on, held by the record (issue 10 §2, §3): interviews under caution and support
-- recorded on the timeline for named parents, the head teacher's signed s.566 attendance certificate, and the ids
-- of what an approval relied on. The rules live in lib/domain/referral-readiness.ts; the constraints below hold
-- them for any writer.

-- Two more kinds of recorded work: support offered to the family, and an interview under caution (PACE Code C)
-- with its outcome. An interview names the parent(s) it was with (case_event_party).
ALTER TABLE case_event DROP CONSTRAINT case_event_kind_check;
ALTER TABLE case_event ADD CONSTRAINT case_event_kind_check CHECK (kind IN (
  'meeting', 'home_visit', 'phone_call', 'letter', 'note', 'attendance_contract', 'review',
  'support_offered', 'interview_under_caution',
  'opened', 'flag_merged', 'window_started', 'reassigned', 'closed', 'reopened',
  'decision_improved', 'decision_referred', 'decision_not_referred', 'referral_approved', 'referral_rejected',
  'hearing', 'court_outcome',
  'penalty_notice_issued', 'penalty_notice_paid', 'penalty_notice_withdrawn', 'penalty_notice_referred'));
ALTER TABLE case_event
  ADD COLUMN outcome text CHECK (outcome IN ('held', 'refused', 'no_response')),
  ADD CONSTRAINT case_event_interview_has_outcome CHECK ((kind = 'interview_under_caution') = (outcome IS NOT NULL)),
  ADD CONSTRAINT case_event_id_authority_id_key UNIQUE (id, authority_id),
  ADD CONSTRAINT case_event_id_case_authority_key UNIQUE (id, case_id, authority_id);
ALTER TABLE case_party ADD CONSTRAINT case_party_case_parent_authority_key UNIQUE (case_id, parent_id, authority_id);

-- The parents a recorded event concerns: each one a party to the event's own case.
CREATE TABLE case_event_party (
  authority_id  uuid NOT NULL REFERENCES authority (id),
  event_id      uuid NOT NULL,
  case_id       uuid NOT NULL,
  parent_id     uuid NOT NULL,
  PRIMARY KEY (authority_id, event_id, parent_id),
  FOREIGN KEY (event_id, case_id, authority_id) REFERENCES case_event (id, case_id, authority_id),
  FOREIGN KEY (case_id, parent_id, authority_id) REFERENCES case_party (case_id, parent_id, authority_id)
);
CREATE INDEX case_event_party_parent_idx ON case_event_party (authority_id, parent_id);

-- An interview under caution is with someone: checked when the transaction commits (the parties are written after
-- the event).
CREATE FUNCTION case_event_interview_names_parent() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM case_event_party p WHERE p.event_id = NEW.id AND p.authority_id = NEW.authority_id) THEN
    RAISE EXCEPTION 'case_event %: an interview under caution must name the parent(s) interviewed', NEW.id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'case_event_interview_names_parent';
  END IF;
  RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER case_event_interview_names_parent AFTER INSERT ON case_event
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.kind = 'interview_under_caution')
  EXECUTE FUNCTION case_event_interview_names_parent();

-- The head teacher's certificate of attendance (s.566), one per frozen evidence snapshot and school whose register
-- it relies on, over the referral's period. Its hash is the snapshot's: the composite key refuses a certificate
-- for evidence other than the one frozen. Recorded by the school's staff, or by an officer for a signed paper copy;
-- an optional scan of the signed paper (a PDF) is kept with its SHA-256. Never changed once recorded.
ALTER TABLE evidence_snapshot ADD CONSTRAINT evidence_snapshot_id_authority_hash_key UNIQUE (id, authority_id, content_hash);
CREATE TABLE attendance_certificate (
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  authority_id  uuid NOT NULL REFERENCES authority (id),
  evidence_id   uuid NOT NULL,
  content_hash  text NOT NULL,
  school_id     uuid NOT NULL,
  period_start  date NOT NULL,
  period_end    date NOT NULL,
  signed_by     text NOT NULL CHECK (btrim(signed_by) <> '' AND length(signed_by) <= 200),
  signed_on     date NOT NULL,
  recorded_as   text NOT NULL CHECK (recorded_as IN ('school', 'officer')),
  recorded_by   uuid NOT NULL,
  scan          bytea,
  scan_sha256   text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (authority_id, id),
  CONSTRAINT attendance_certificate_one_per_school UNIQUE (authority_id, evidence_id, school_id),
  CONSTRAINT attendance_certificate_period_ordered CHECK (period_end >= period_start),
  CONSTRAINT attendance_certificate_signed_after_period CHECK (signed_on >= period_end),
  CONSTRAINT attendance_certificate_scan_with_hash CHECK ((scan IS NULL) = (scan_sha256 IS NULL)),
  CONSTRAINT attendance_certificate_scan_hash_format CHECK (scan_sha256 ~ '^[0-9a-f]{64}$'),
  CONSTRAINT attendance_certificate_scan_is_pdf CHECK (scan IS NULL OR substring(scan FROM 1 FOR 5) = '\x255044462d'::bytea),
  CONSTRAINT attendance_certificate_scan_hash_matches CHECK (scan IS NULL OR encode(sha256(scan), 'hex') = scan_sha256),
  FOREIGN KEY (evidence_id, authority_id, content_hash) REFERENCES evidence_snapshot (id, authority_id, content_hash),
  FOREIGN KEY (school_id, authority_id) REFERENCES school (id, authority_id),
  FOREIGN KEY (recorded_by, authority_id) REFERENCES app_user (id, authority_id)
);

CREATE FUNCTION attendance_certificate_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'attendance_certificate rows are evidence and never change: % is not allowed', TG_OP;
END;
$$;
CREATE TRIGGER attendance_certificate_no_update BEFORE UPDATE OR DELETE ON attendance_certificate
  FOR EACH ROW EXECUTE FUNCTION attendance_certificate_frozen();
CREATE TRIGGER attendance_certificate_no_truncate BEFORE TRUNCATE ON attendance_certificate
  FOR EACH STATEMENT EXECUTE FUNCTION attendance_certificate_frozen();

-- What an approval relied on: one row per letter, event or certificate, per readiness item.
CREATE TABLE referral_approval_evidence (
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  authority_id    uuid NOT NULL REFERENCES authority (id),
  referral_id     uuid NOT NULL,
  item            text NOT NULL CHECK (item IN ('letters', 'warning', 'support', 'interview', 'certificate')),
  letter_id       uuid,
  event_id        uuid,
  certificate_id  uuid,
  PRIMARY KEY (authority_id, id),
  CONSTRAINT referral_approval_evidence_one_record CHECK (num_nonnulls(letter_id, event_id, certificate_id) = 1),
  CONSTRAINT referral_approval_evidence_item_kind CHECK (
    (item IN ('letters', 'warning')) = (letter_id IS NOT NULL)
    AND (item IN ('support', 'interview')) = (event_id IS NOT NULL)
    AND (item = 'certificate') = (certificate_id IS NOT NULL)),
  FOREIGN KEY (referral_id, authority_id) REFERENCES prosecution_referral (id, authority_id),
  FOREIGN KEY (letter_id, authority_id) REFERENCES case_letter (id, authority_id),
  FOREIGN KEY (event_id, authority_id) REFERENCES case_event (id, authority_id),
  FOREIGN KEY (authority_id, certificate_id) REFERENCES attendance_certificate (authority_id, id)
);
CREATE INDEX referral_approval_evidence_referral_idx ON referral_approval_evidence (authority_id, referral_id);

-- An approval rests on the record: when a referral becomes approved, the letters, the warning, the support and the
-- certificate it relied on must be stored with it (and the interview, where the authority requires one). Checked
-- when the transaction commits, so the approval and its evidence rows are written together.
CREATE FUNCTION prosecution_referral_approval_rests_on_record() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  needed text[] := ARRAY['letters', 'warning', 'support', 'certificate'];
  missing text[];
BEGIN
  IF NEW.status <> 'approved' OR (TG_OP = 'UPDATE' AND OLD.status = 'approved') THEN
    RETURN NULL;
  END IF;
  IF coalesce((SELECT s.interview_under_caution_required FROM authority_case_settings s
               WHERE s.authority_id = NEW.authority_id), true) THEN
    needed := array_append(needed, 'interview');
  END IF;
  SELECT array_agg(n) INTO missing FROM unnest(needed) n
  WHERE NOT EXISTS (SELECT 1 FROM referral_approval_evidence e
                    WHERE e.referral_id = NEW.id AND e.authority_id = NEW.authority_id AND e.item = n);
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'prosecution_referral %: approved without the record of %', NEW.id, array_to_string(missing, ', ')
      USING ERRCODE = 'check_violation', CONSTRAINT = 'prosecution_referral_approval_rests_on_record';
  END IF;
  RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER prosecution_referral_approval_rests_on_record AFTER INSERT OR UPDATE OF status ON prosecution_referral
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION prosecution_referral_approval_rests_on_record();
