-- The at-risk queue in its own order (ADR 057): threshold pupils first (the penalty-notice threshold, 10 sessions:
-- PENALTY_NOTICE_THRESHOLD in lib/domain, kept the same by a test), then by overall absence. The queue's first page
-- reads the top of this index instead of sorting every pupil on the queue; the expressions are the query's own
-- (lib/server/attendance/find-pupils-at-risk.ts), so that the planner matches them.
CREATE INDEX attendance_pupil_year_queue_idx ON attendance_pupil_year (
  authority_id,
  academic_year,
  (coalesce(max_penalty_10_weeks, 0) >= 10) DESC,
  ((authorised + unauthorised)::numeric / nullif(possible, 0)) DESC
) WHERE at_risk;
