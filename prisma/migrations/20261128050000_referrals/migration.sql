-- Enforcement core (issue 5): the decision the daily job takes when a Fast Track window ends, the frozen evidence
-- it relied on, one prosecution referral per parent, and the notifications that tell officers and managers.
-- The rules live in lib/domain (case-target.ts, referral-checklist.ts, sentencing.ts); the constraints below hold
-- "exactly once" and the review rules for any writer, so two workers, a re-run or a raw insert cannot break them.

-- The timeline also records what the daily job and the court side do.
ALTER TABLE case_event DROP CONSTRAINT case_event_kind_check;
ALTER TABLE case_event ADD CONSTRAINT case_event_kind_check CHECK (kind IN (
  'meeting', 'home_visit', 'phone_call', 'letter', 'note', 'attendance_contract', 'review',
  'opened', 'flag_merged', 'window_started', 'reassigned', 'closed', 'reopened',
  'decision_improved', 'decision_referred', 'referral_approved', 'referral_rejected', 'hearing', 'court_outcome',
  'penalty_notice_issued', 'penalty_notice_paid', 'penalty_notice_withdrawn', 'penalty_notice_referred'));

-- The register marks a decision or referral relied on, frozen: the extract (date, session, code per mark), the
-- figures computed from it, and a SHA-256 of the canonical JSON of both. Later register edits never change it;
-- the case page compares it with the live register. Never updated (trigger below).
CREATE TABLE evidence_snapshot (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  authority_id  uuid NOT NULL REFERENCES authority (id),
  case_id       uuid NOT NULL,
  pupil_id      uuid NOT NULL,
  period_start  date NOT NULL,
  period_end    date NOT NULL,
  marks         jsonb NOT NULL CHECK (jsonb_typeof(marks) = 'array'),
  figures       jsonb NOT NULL CHECK (jsonb_typeof(figures) = 'object'),
  content_hash  text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  created_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT evidence_snapshot_period_ordered CHECK (period_end >= period_start),
  UNIQUE (id, authority_id),
  FOREIGN KEY (case_id, authority_id) REFERENCES attendance_case (id, authority_id),
  FOREIGN KEY (pupil_id, authority_id) REFERENCES pupil (id, authority_id)
);
CREATE INDEX evidence_snapshot_case_idx ON evidence_snapshot (case_id);

CREATE FUNCTION evidence_snapshot_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'evidence_snapshot rows are frozen: % is not allowed', TG_OP;
END;
$$;
CREATE TRIGGER evidence_snapshot_no_update BEFORE UPDATE OR DELETE ON evidence_snapshot
  FOR EACH ROW EXECUTE FUNCTION evidence_snapshot_frozen();
CREATE TRIGGER evidence_snapshot_no_truncate BEFORE TRUNCATE ON evidence_snapshot
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_snapshot_frozen();

-- One decision per window: the daily job (or a person) decides a window once, whatever runs twice.
-- figures: { possibleSessions, presentSessions, unauthorisedSessions, attendanceTenths, target, met }.
CREATE TABLE case_decision (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  authority_id  uuid NOT NULL REFERENCES authority (id),
  case_id       uuid NOT NULL,
  window_start  date NOT NULL,
  window_end    date NOT NULL,
  as_of         date NOT NULL,
  outcome       text NOT NULL CHECK (outcome IN ('improved', 'referred')),
  figures       jsonb NOT NULL CHECK (jsonb_typeof(figures) = 'object'),
  evidence_id   uuid NOT NULL,
  decided_by    text NOT NULL DEFAULT 'daily_job' CHECK (btrim(decided_by) <> ''),
  created_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT case_decision_after_window CHECK (as_of >= window_end AND window_end >= window_start),
  CONSTRAINT case_decision_one_per_window UNIQUE (case_id, window_start),
  UNIQUE (id, authority_id),
  FOREIGN KEY (case_id, authority_id) REFERENCES attendance_case (id, authority_id),
  FOREIGN KEY (evidence_id, authority_id) REFERENCES evidence_snapshot (id, authority_id)
);

-- One referral per parent per decision (source 'window'), or per unpaid penalty notice (source 'penalty_notice',
-- whose column and constraint come with the penalty notices). status: awaiting_review → approved | rejected;
-- approved → concluded once every outcome is recorded. An approval names the offence and keeps the completed
-- checklist (EvidenceChecklist in lib/domain/referral-checklist.ts); a rejection keeps its reason and route.
CREATE TABLE prosecution_referral (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  authority_id   uuid NOT NULL REFERENCES authority (id),
  case_id        uuid NOT NULL,
  parent_id      uuid NOT NULL,
  source         text NOT NULL DEFAULT 'window' CHECK (source IN ('window', 'penalty_notice')),
  decision_id    uuid,
  evidence_id    uuid NOT NULL,
  period_start   date NOT NULL,
  period_end     date NOT NULL,
  status         text NOT NULL DEFAULT 'awaiting_review'
                 CHECK (status IN ('awaiting_review', 'approved', 'rejected', 'concluded')),
  offence        text CHECK (offence IN ('s444(1)', 's444(1A)')),
  checklist      jsonb CHECK (checklist IS NULL OR jsonb_typeof(checklist) = 'object'),
  reject_reason  text,
  reject_route   text CHECK (reject_route IN ('casework', 'close')),
  reviewed_by    uuid,
  reviewed_at    timestamptz,
  version        integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT prosecution_referral_period_ordered CHECK (period_end >= period_start),
  CONSTRAINT prosecution_referral_window_has_decision CHECK ((source = 'window') = (decision_id IS NOT NULL)),
  -- Approved (and later concluded) referrals name the offence and keep the checklist; others have neither.
  CONSTRAINT prosecution_referral_offence_iff_approved CHECK (
    (status IN ('approved', 'concluded')) = (offence IS NOT NULL)),
  CONSTRAINT prosecution_referral_checklist_iff_approved CHECK (
    (status IN ('approved', 'concluded')) = (checklist IS NOT NULL)),
  CONSTRAINT prosecution_referral_reason_iff_rejected CHECK (
    (status = 'rejected') = (reject_reason IS NOT NULL AND btrim(reject_reason) <> '' AND reject_route IS NOT NULL)),
  CONSTRAINT prosecution_referral_reviewed_iff_decided CHECK (
    (status = 'awaiting_review') = (reviewed_by IS NULL AND reviewed_at IS NULL)),
  CONSTRAINT prosecution_referral_one_per_parent_per_decision UNIQUE (decision_id, parent_id),
  UNIQUE (id, authority_id),
  FOREIGN KEY (case_id, authority_id) REFERENCES attendance_case (id, authority_id),
  FOREIGN KEY (case_id, parent_id) REFERENCES case_party (case_id, parent_id),
  FOREIGN KEY (decision_id, authority_id) REFERENCES case_decision (id, authority_id),
  FOREIGN KEY (evidence_id, authority_id) REFERENCES evidence_snapshot (id, authority_id),
  FOREIGN KEY (reviewed_by, authority_id) REFERENCES app_user (id, authority_id)
);
CREATE INDEX prosecution_referral_queue_idx ON prosecution_referral (authority_id, status, created_at);
CREATE INDEX prosecution_referral_case_idx ON prosecution_referral (case_id);

-- What officers and managers are told (a window decided, a referral awaiting review). One row per recipient.
CREATE TABLE notification (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  authority_id  uuid NOT NULL REFERENCES authority (id),
  user_id       uuid NOT NULL,
  case_id       uuid,
  kind          text NOT NULL CHECK (kind IN ('window_improved', 'referral_awaiting_review', 'referral_decided', 'hearing_upcoming')),
  message       text NOT NULL CHECK (btrim(message) <> ''),
  created_at    timestamptz NOT NULL DEFAULT now(),
  read_at       timestamptz,
  FOREIGN KEY (user_id, authority_id) REFERENCES app_user (id, authority_id),
  FOREIGN KEY (case_id, authority_id) REFERENCES attendance_case (id, authority_id)
);
CREATE INDEX notification_inbox_idx ON notification (user_id, created_at DESC);

-- The daily job records its decisions on the timeline with no user behind them: only the service's own kinds may
-- have no actor.
ALTER TABLE case_event ALTER COLUMN actor_user_id DROP NOT NULL;
ALTER TABLE case_event ADD CONSTRAINT case_event_actor_unless_service CHECK (
  actor_user_id IS NOT NULL OR kind IN ('decision_improved', 'decision_referred', 'penalty_notice_referred'));
