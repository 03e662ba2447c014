-- A hearing is recorded only for a referral approved for prosecution, and is never dated before the day of that
-- approval (hearingDateProblem in lib/domain/hearings.ts; the day is taken in England).
CREATE FUNCTION court_hearing_after_approval() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  approved_on date;
BEGIN
  SELECT (reviewed_at AT TIME ZONE 'Europe/London')::date INTO approved_on
  FROM prosecution_referral
  WHERE id = NEW.referral_id AND status IN ('approved', 'concluded');
  IF approved_on IS NULL THEN
    RAISE EXCEPTION 'court_hearing: referral % is not approved for prosecution', NEW.referral_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'court_hearing_after_approval';
  END IF;
  IF NEW.hearing_date < approved_on THEN
    RAISE EXCEPTION 'court_hearing: hearing date % is before the approval on %', NEW.hearing_date, approved_on
      USING ERRCODE = 'check_violation', CONSTRAINT = 'court_hearing_after_approval';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER court_hearing_after_approval BEFORE INSERT OR UPDATE OF hearing_date, referral_id ON court_hearing
  FOR EACH ROW EXECUTE FUNCTION court_hearing_after_approval();
