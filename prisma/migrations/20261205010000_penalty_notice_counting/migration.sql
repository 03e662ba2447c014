-- Which notices count towards the 2024 framework's limit of two per parent per pupil in 3 years (domain.md §5.2):
-- paid notices, notices still running, and unpaid notices prosecuted to a conviction. Withdrawn notices do not
-- count, and neither does a notice whose referral was rejected or whose prosecution ended without a conviction
-- (not guilty, withdrawn, dismissed). One definition, read by the issue trigger below and by the server (prior notices for a parent).
-- The trigger also refuses a notice dated before the parent's latest counting notice for the pupil.
CREATE VIEW penalty_notice_counting AS
SELECT p.*
FROM penalty_notice p
WHERE p.status <> 'withdrawn'
  AND NOT EXISTS (
    SELECT 1 FROM prosecution_referral r
    WHERE r.penalty_notice_id = p.id
      AND (r.status = 'rejected'
           OR EXISTS (SELECT 1 FROM court_outcome o WHERE o.referral_id = r.id AND o.verdict <> 'guilty')));

-- Notices whose referral a manager rejected before rejection withdrew them: withdrawn now, as the council must
-- prosecute or withdraw (rejectReferral does this from today on).
UPDATE penalty_notice p
SET status = 'withdrawn', withdrawn_on = GREATEST(p.issue_date, (r.reviewed_at AT TIME ZONE 'Europe/London')::date),
    withdrawn_reason = 'Not prosecuted: ' || coalesce(nullif(btrim(r.reject_reason), ''), 'the referral was rejected'),
    version = p.version + 1, updated_at = now()
FROM prosecution_referral r
WHERE r.penalty_notice_id = p.id AND r.status = 'rejected' AND p.status = 'referred';

CREATE OR REPLACE FUNCTION penalty_notice_check_issue() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  s penalty_notice_scheme;
  prior integer;
  window_start date;
BEGIN
  SELECT * INTO s FROM penalty_notice_scheme WHERE valid_from <= NEW.issue_date ORDER BY valid_from DESC LIMIT 1;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'No penalty notice scheme on %: they began on 27 February 2004', NEW.issue_date
      USING ERRCODE = 'check_violation', CONSTRAINT = 'penalty_notice_scheme';
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('penalty_notice'), hashtext(NEW.parent_id::text || NEW.pupil_id::text));
  -- Notices are dated in order (canIssueNotice): one back-dated before a counting notice could hide a third.
  IF EXISTS (SELECT 1 FROM penalty_notice_counting p
             WHERE p.parent_id = NEW.parent_id AND p.pupil_id = NEW.pupil_id AND p.issue_date > NEW.issue_date) THEN
    RAISE EXCEPTION 'A penalty notice cannot be dated before this parent''s latest notice for this pupil'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'penalty_notice_dated_in_order';
  END IF;
  prior := 0;
  IF s.repeat_years IS NOT NULL THEN
    window_start := (NEW.issue_date - make_interval(years => s.repeat_years))::date;
    SELECT count(*) INTO prior FROM penalty_notice_counting p
      WHERE p.parent_id = NEW.parent_id AND p.pupil_id = NEW.pupil_id
        AND p.issue_date >= DATE '2024-08-19' AND p.issue_date > window_start AND p.issue_date <= NEW.issue_date;
    IF prior >= s.repeat_max THEN
      RAISE EXCEPTION 'A third penalty notice within 3 years is not allowed for this parent and pupil'
        USING ERRCODE = 'check_violation', CONSTRAINT = 'penalty_notice_no_third_in_three_years';
    END IF;
  END IF;
  IF NEW.sequence <> prior + 1
     OR NEW.lower_amount_pence <> (CASE WHEN prior >= 1 THEN s.repeat_pence ELSE s.lower_pence END)
     OR NEW.higher_amount_pence <> (CASE WHEN prior >= 1 THEN s.repeat_pence ELSE s.higher_pence END)
     OR NEW.last_day <> NEW.issue_date + s.final_days
     OR NEW.lower_until <> NEW.issue_date + s.lower_days THEN
    RAISE EXCEPTION 'The notice''s sequence, amounts or payment dates are not those of the % scheme for a notice issued on %', s.label, NEW.issue_date
      USING ERRCODE = 'check_violation', CONSTRAINT = 'penalty_notice_scheme';
  END IF;
  RETURN NEW;
END;
$$;
