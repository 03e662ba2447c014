-- Lawful referrals (issue 10): the daily job refers a window only on grounds the record proves (referral-grounds.ts
-- in lib/domain): unauthorised absence of a child of compulsory school age, at least the authority's referral
-- minimum of unauthorised sessions, and only parents in law. Otherwise the decision is "not_referred", with its
-- reasons in plain words. The rules live in lib/domain; the constraints below hold them for any writer.

-- The authority's referral rules (Case settings). The minimum is local policy, not law (no statute sets one), and
-- never below 1: without unauthorised absence there is no offence. The interview under caution can be switched
-- off as a readiness item (no statute requires one).
ALTER TABLE authority_case_settings
  ADD COLUMN referral_minimum integer NOT NULL DEFAULT 10,
  ADD COLUMN interview_under_caution_required boolean NOT NULL DEFAULT true,
  ADD CONSTRAINT authority_case_settings_referral_minimum_range CHECK (referral_minimum BETWEEN 1 AND 380);

-- A window's decision: improved, referred, or not referred with its reasons ([{code, message, parentId?}]). A
-- referred decision may carry reasons too (a party who is not a parent in law); an improved one never does.
ALTER TABLE case_decision DROP CONSTRAINT case_decision_outcome_check;
ALTER TABLE case_decision
  ADD CONSTRAINT case_decision_outcome_check CHECK (outcome IN ('improved', 'referred', 'not_referred')),
  ADD COLUMN reasons jsonb NOT NULL DEFAULT '[]'::jsonb,
  ADD CONSTRAINT case_decision_reasons_array CHECK (jsonb_typeof(reasons) = 'array'),
  ADD CONSTRAINT case_decision_not_referred_has_reasons CHECK (
    outcome <> 'not_referred' OR jsonb_array_length(reasons) > 0),
  ADD CONSTRAINT case_decision_improved_has_no_reasons CHECK (
    outcome <> 'improved' OR jsonb_array_length(reasons) = 0);

ALTER TABLE case_event DROP CONSTRAINT case_event_kind_check;
ALTER TABLE case_event ADD CONSTRAINT case_event_kind_check CHECK (kind IN (
  'meeting', 'home_visit', 'phone_call', 'letter', 'note', 'attendance_contract', 'review',
  'opened', 'flag_merged', 'window_started', 'reassigned', 'closed', 'reopened',
  'decision_improved', 'decision_referred', 'decision_not_referred', 'referral_approved', 'referral_rejected',
  'hearing', 'court_outcome',
  'penalty_notice_issued', 'penalty_notice_paid', 'penalty_notice_withdrawn', 'penalty_notice_referred'));
ALTER TABLE case_event DROP CONSTRAINT case_event_actor_unless_service;
ALTER TABLE case_event ADD CONSTRAINT case_event_actor_unless_service CHECK (
  actor_user_id IS NOT NULL
  OR kind IN ('decision_improved', 'decision_referred', 'decision_not_referred', 'penalty_notice_referred'));

-- The officer is asked what to do after a window that was not referred.
ALTER TABLE notification DROP CONSTRAINT notification_kind_check;
ALTER TABLE notification ADD CONSTRAINT notification_kind_check CHECK (kind IN (
  'window_improved', 'window_not_referred', 'referral_awaiting_review', 'referral_decided', 'hearing_upcoming'));

-- A referral is made only for a parent in law (s.576: a natural parent, anyone with parental responsibility, or
-- anyone who has care of the child), and a window's referral only from a decision that referred. isParentInLaw in
-- lib/domain/referral-grounds.ts is the same rule.
CREATE FUNCTION prosecution_referral_lawful() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  outcome text;
BEGIN
  IF NEW.decision_id IS NOT NULL THEN
    SELECT d.outcome INTO outcome FROM case_decision d
    WHERE d.id = NEW.decision_id AND d.authority_id = NEW.authority_id;
    IF outcome IS DISTINCT FROM 'referred' THEN
      RAISE EXCEPTION 'prosecution_referral: decision % did not refer the window (outcome %)', NEW.decision_id, outcome
        USING ERRCODE = 'check_violation', CONSTRAINT = 'prosecution_referral_from_referred_decision';
    END IF;
  END IF;
  IF NOT EXISTS (
    SELECT 1 FROM attendance_case c JOIN pupil_parent pp ON pp.pupil_id = c.pupil_id AND pp.authority_id = c.authority_id
    WHERE c.id = NEW.case_id AND c.authority_id = NEW.authority_id AND pp.parent_id = NEW.parent_id
      AND (pp.relationship IN ('mother', 'father') OR pp.parental_responsibility OR pp.lives_with_pupil)) THEN
    RAISE EXCEPTION 'prosecution_referral: % is not a parent in law of the pupil (section 576)', NEW.parent_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'prosecution_referral_parent_in_law';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER prosecution_referral_lawful BEFORE INSERT OR UPDATE OF decision_id, parent_id, case_id
  ON prosecution_referral FOR EACH ROW EXECUTE FUNCTION prosecution_referral_lawful();
