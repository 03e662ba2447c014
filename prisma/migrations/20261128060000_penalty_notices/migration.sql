-- Penalty notices (issue 5, "Penalty notices"; shared/domain.md §5): one notice per parent per pupil for an
-- offence period, with the amounts of the scheme in force on the issue date, recorded payment or withdrawal, and
-- a prosecution referral for the original offence once a notice is unpaid after its payment period.
-- The rules live in lib/domain/penalty-notices.ts and lib/domain/penalty-notice-threshold.ts; the constraints
-- below hold them for any writer.

-- The schemes by issue date, mirrored from PENALTY_NOTICE_SCHEMES in lib/domain/penalty-notices.ts (a test keeps
-- the two identical). Reference data: a notice keeps the amounts of the scheme it was issued under.
CREATE TABLE penalty_notice_scheme (
  valid_from     date PRIMARY KEY,
  label          text NOT NULL CHECK (btrim(label) <> ''),
  lower_pence    integer NOT NULL CHECK (lower_pence > 0),
  lower_days     integer NOT NULL CHECK (lower_days > 0),
  higher_pence   integer NOT NULL CHECK (higher_pence >= lower_pence),
  final_days     integer NOT NULL CHECK (final_days >= lower_days),
  repeat_pence   integer CHECK (repeat_pence > 0),
  repeat_years   integer CHECK (repeat_years > 0),
  repeat_max     integer CHECK (repeat_max > 0),
  CHECK ((repeat_pence IS NULL) = (repeat_years IS NULL) AND (repeat_pence IS NULL) = (repeat_max IS NULL))
);
INSERT INTO penalty_notice_scheme VALUES
  ('2004-02-27', '2004 Regulations', 5000, 28, 10000, 42, NULL, NULL, NULL),
  ('2012-09-01', 'September 2012 amounts', 6000, 28, 12000, 42, NULL, NULL, NULL),
  ('2013-09-01', 'September 2013 periods', 6000, 21, 12000, 28, NULL, NULL, NULL),
  ('2024-08-19', '2024 National Framework', 8000, 21, 16000, 28, 16000, 3, 2);

-- status: issued → paid | withdrawn | referred (unpaid after last_day: the daily job refers the original offence).
-- sequence 2 is a repeat notice under the 2024 framework (flat amount). Amounts are in pence: lower_amount_pence
-- if paid by lower_until, higher_amount_pence by last_day (equal for a repeat notice). The periods run from the
-- issue date (the notice is taken as received the day it is issued; domain.md leaves deemed receipt open [U]).
CREATE TABLE penalty_notice (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  authority_id           uuid NOT NULL REFERENCES authority (id),
  case_id                uuid NOT NULL,
  parent_id              uuid NOT NULL,
  pupil_id               uuid NOT NULL,
  issue_date             date NOT NULL,
  period_start           date NOT NULL,
  period_end             date NOT NULL,
  unauthorised_sessions  integer NOT NULL CHECK (unauthorised_sessions >= 0),
  sequence               smallint NOT NULL CHECK (sequence IN (1, 2)),
  lower_amount_pence     integer NOT NULL CHECK (lower_amount_pence > 0),
  higher_amount_pence    integer NOT NULL CHECK (higher_amount_pence > 0),
  lower_until            date NOT NULL,
  last_day               date NOT NULL,
  status                 text NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'paid', 'withdrawn', 'referred')),
  paid_on                date,
  amount_paid_pence      integer CHECK (amount_paid_pence > 0),
  withdrawn_on           date,
  withdrawn_reason       text,
  issued_by              uuid NOT NULL,
  version                integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT penalty_notice_period_ordered CHECK (period_end >= period_start),
  CONSTRAINT penalty_notice_issued_after_period CHECK (issue_date >= period_end),
  CONSTRAINT penalty_notice_amounts_ordered CHECK (higher_amount_pence >= lower_amount_pence),
  CONSTRAINT penalty_notice_dates_ordered CHECK (lower_until >= issue_date AND last_day >= lower_until),
  CONSTRAINT penalty_notice_paid_iff_paid CHECK (
    (status = 'paid') = (paid_on IS NOT NULL) AND (paid_on IS NULL) = (amount_paid_pence IS NULL)),
  CONSTRAINT penalty_notice_paid_in_period CHECK (paid_on IS NULL OR paid_on BETWEEN issue_date AND last_day),
  CONSTRAINT penalty_notice_paid_amount_due CHECK (
    amount_paid_pence IS NULL OR amount_paid_pence IN (lower_amount_pence, higher_amount_pence)),
  CONSTRAINT penalty_notice_reason_iff_withdrawn CHECK (
    (status = 'withdrawn') = (withdrawn_reason IS NOT NULL AND btrim(withdrawn_reason) <> '')
    AND (withdrawn_reason IS NULL) = (withdrawn_on IS NULL)),
  CONSTRAINT penalty_notice_withdrawn_after_issue CHECK (withdrawn_on IS NULL OR withdrawn_on >= issue_date),
  UNIQUE (id, authority_id),
  FOREIGN KEY (case_id, authority_id) REFERENCES attendance_case (id, authority_id),
  FOREIGN KEY (case_id, parent_id) REFERENCES case_party (case_id, parent_id),
  FOREIGN KEY (parent_id, authority_id) REFERENCES parent (id, authority_id),
  FOREIGN KEY (pupil_id, authority_id) REFERENCES pupil (id, authority_id),
  FOREIGN KEY (issued_by, authority_id) REFERENCES app_user (id, authority_id)
);
CREATE INDEX penalty_notice_case_idx ON penalty_notice (case_id);
CREATE INDEX penalty_notice_parent_pupil_idx ON penalty_notice (parent_id, pupil_id, issue_date);
CREATE INDEX penalty_notice_unpaid_idx ON penalty_notice (last_day) WHERE status = 'issued';

-- On insert: the amounts, dates and sequence must be the scheme's for the issue date, and under the 2024
-- framework no third notice within 3 years to the same parent for the same pupil (withdrawn notices, and notices
-- before 19 August 2024, do not count; domain: countPriorNotices). Inserts for one parent and pupil are
-- serialised by an advisory lock, so two concurrent issues cannot both pass the count.
CREATE FUNCTION penalty_notice_check_issue() RETURNS trigger LANGUAGE plpgsql AS $$
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
  prior := 0;
  IF s.repeat_years IS NOT NULL THEN
    window_start := (NEW.issue_date - make_interval(years => s.repeat_years))::date;
    SELECT count(*) INTO prior FROM penalty_notice p
      WHERE p.parent_id = NEW.parent_id AND p.pupil_id = NEW.pupil_id AND p.status <> 'withdrawn'
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
CREATE TRIGGER penalty_notice_issue BEFORE INSERT ON penalty_notice
  FOR EACH ROW EXECUTE FUNCTION penalty_notice_check_issue();

-- A referral made because a notice went unpaid names the notice; one referral per notice.
ALTER TABLE prosecution_referral ADD COLUMN penalty_notice_id uuid;
ALTER TABLE prosecution_referral ADD CONSTRAINT prosecution_referral_penalty_notice_unique UNIQUE (penalty_notice_id);
ALTER TABLE prosecution_referral ADD CONSTRAINT prosecution_referral_penalty_notice_iff_source CHECK (
  (source = 'penalty_notice') = (penalty_notice_id IS NOT NULL));
ALTER TABLE prosecution_referral ADD CONSTRAINT prosecution_referral_penalty_notice_fk
  FOREIGN KEY (penalty_notice_id, authority_id) REFERENCES penalty_notice (id, authority_id);
