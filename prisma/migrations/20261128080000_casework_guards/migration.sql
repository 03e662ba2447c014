-- Two casework rules that the server already enforces, now held by the database for any writer as well.

-- A reopening always says why (reopenCaseSchema; the reason is the timeline entry's note).
ALTER TABLE case_event ADD CONSTRAINT case_event_reopened_has_reason CHECK (kind <> 'reopened' OR btrim(note) <> '');

-- Cases are assigned to officers (checkAssignee in lib/server/cases): not to managers, administrators or school
-- staff. Checked when a case is created or reassigned; an officer disabled later keeps their cases until they
-- are reassigned.
CREATE FUNCTION attendance_case_assignee_is_officer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM app_user WHERE id = NEW.assigned_officer_id AND role = 'officer') THEN
    RAISE EXCEPTION 'attendance_case.assigned_officer_id must be an officer'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'attendance_case_assignee_is_officer';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER attendance_case_assignee_is_officer BEFORE INSERT OR UPDATE OF assigned_officer_id ON attendance_case
  FOR EACH ROW EXECUTE FUNCTION attendance_case_assignee_is_officer();
