-- A case's Fast Track window is started once (canStartWindow in lib/domain/fast-track-window.ts): once its dates
-- and target are written they never change, not even on reopening, so the daily job's decision, the frozen
-- evidence and the letters always refer to the window the parents were told about. The end date itself is
-- computed from the authority's term calendar by the server (planWindow); the database holds that it is
-- written together with the start, and never rewritten.
CREATE FUNCTION attendance_case_window_started_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.window_start IS NOT NULL AND (
       NEW.window_start IS DISTINCT FROM OLD.window_start
    OR NEW.window_end IS DISTINCT FROM OLD.window_end
    OR NEW.target_min_attendance_tenths IS DISTINCT FROM OLD.target_min_attendance_tenths
    OR NEW.target_max_unauthorised IS DISTINCT FROM OLD.target_max_unauthorised) THEN
    RAISE EXCEPTION 'attendance_case %: the Fast Track window and its target were set on % and cannot be changed or started again',
      OLD.id, OLD.window_start
      USING ERRCODE = 'check_violation', CONSTRAINT = 'attendance_case_window_started_once';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER attendance_case_window_started_once
  BEFORE UPDATE OF window_start, window_end, target_min_attendance_tenths, target_max_unauthorised ON attendance_case
  FOR EACH ROW EXECUTE FUNCTION attendance_case_window_started_once();
