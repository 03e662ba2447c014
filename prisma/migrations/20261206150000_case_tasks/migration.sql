-- Tasks and appointments on a case (issue 15, "What to do today"): visits, meetings and calls booked for a date and
-- time, reminders, the Fast Track window's milestones and the daily job's follow-ups. The rules live in
-- lib/domain/tasks.ts (canScheduleTask, canCompleteTask, parseTaskTime) and lib/schemas/tasks.ts; the constraints
-- below hold the ones a database can see for any writer: the kinds and states, a real time of day, done and
-- cancelled recorded with what they need, nothing dated before the case opened, a task assigned to an officer or a
-- manager of the authority, and a milestone or decision making its task once.

CREATE TABLE case_task (
  authority_id    uuid NOT NULL REFERENCES authority (id),
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id         uuid NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('home_visit', 'meeting', 'phone_call', 'reminder', 'milestone', 'follow_up')),
  title           text NOT NULL CHECK (btrim(title) <> '' AND length(title) <= 200),
  due_on          date NOT NULL,
  -- A time of day on the 24-hour clock ("09:30"), or none ("any time that day").
  due_time        text CHECK (due_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  notes           text NOT NULL DEFAULT '' CHECK (length(notes) <= 5000),
  assigned_to     uuid NOT NULL,
  source          text NOT NULL DEFAULT 'officer' CHECK (source IN ('officer', 'milestone', 'daily_job')),
  -- What made a service task (milestone:<key>:<due>, decision:<id>), so that it is made once; null for people's.
  source_key      text,
  status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  done_on         date,
  done_by         uuid,
  -- The timeline entry that marking it done recorded.
  done_event_id   uuid,
  cancel_reason   text,
  created_by      uuid,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  version         integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  PRIMARY KEY (authority_id, id),
  UNIQUE (id, authority_id),
  -- A person books visits, meetings, calls and reminders; the service makes milestones and follow-ups.
  CONSTRAINT case_task_kind_matches_source CHECK (
    (source = 'officer') = (kind IN ('home_visit', 'meeting', 'phone_call', 'reminder'))),
  CONSTRAINT case_task_people_have_author CHECK (source <> 'officer' OR created_by IS NOT NULL),
  CONSTRAINT case_task_service_has_key CHECK ((source = 'officer') = (source_key IS NULL)),
  -- Done: on a day, by someone, with the entry it recorded. Cancelled: with a reason. Open: neither.
  CONSTRAINT case_task_done_iff_recorded CHECK (
    (status = 'done') = (done_on IS NOT NULL) AND (status = 'done') = (done_by IS NOT NULL)
    AND (status = 'done') = (done_event_id IS NOT NULL)),
  CONSTRAINT case_task_cancelled_iff_reason CHECK (
    (status = 'cancelled') = (cancel_reason IS NOT NULL AND btrim(cancel_reason) <> '')),
  FOREIGN KEY (case_id, authority_id) REFERENCES attendance_case (id, authority_id),
  FOREIGN KEY (assigned_to, authority_id) REFERENCES app_user (id, authority_id),
  FOREIGN KEY (done_by, authority_id) REFERENCES app_user (id, authority_id),
  FOREIGN KEY (created_by, authority_id) REFERENCES app_user (id, authority_id)
);
CREATE UNIQUE INDEX case_task_made_once ON case_task (authority_id, case_id, source_key) WHERE source_key IS NOT NULL;
CREATE INDEX case_task_open_by_assignee ON case_task (authority_id, assigned_to, due_on) WHERE status = 'open';
CREATE INDEX case_task_case_idx ON case_task (authority_id, case_id, due_on);

-- Rules that need other rows: the assignee is an officer or a manager; no date before the case opened.
CREATE FUNCTION case_task_rules() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  opened date;
  assignee_role user_role;
BEGIN
  SELECT opened_on INTO opened FROM attendance_case WHERE id = NEW.case_id AND authority_id = NEW.authority_id;
  IF NEW.due_on < opened THEN
    RAISE EXCEPTION 'case_task: due on % is before the case opened on %', NEW.due_on, opened
      USING ERRCODE = 'check_violation', CONSTRAINT = 'case_task_not_before_case';
  END IF;
  IF NEW.done_on IS NOT NULL AND NEW.done_on < opened THEN
    RAISE EXCEPTION 'case_task: done on % is before the case opened on %', NEW.done_on, opened
      USING ERRCODE = 'check_violation', CONSTRAINT = 'case_task_not_before_case';
  END IF;
  SELECT role INTO assignee_role FROM app_user WHERE id = NEW.assigned_to AND authority_id = NEW.authority_id;
  IF assignee_role IS DISTINCT FROM 'officer' AND assignee_role IS DISTINCT FROM 'manager' THEN
    RAISE EXCEPTION 'case_task: a task is assigned to an officer or a manager, not a % user', assignee_role
      USING ERRCODE = 'check_violation', CONSTRAINT = 'case_task_assignee_role';
  END IF;
  -- Done and cancelled are final.
  IF TG_OP = 'UPDATE' AND OLD.status <> 'open' AND (
       NEW.status IS DISTINCT FROM OLD.status OR NEW.due_on IS DISTINCT FROM OLD.due_on
    OR NEW.assigned_to IS DISTINCT FROM OLD.assigned_to OR NEW.done_on IS DISTINCT FROM OLD.done_on) THEN
    RAISE EXCEPTION 'case_task %: a % task cannot be changed', OLD.id, OLD.status
      USING ERRCODE = 'check_violation', CONSTRAINT = 'case_task_final';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER case_task_rules BEFORE INSERT OR UPDATE ON case_task
  FOR EACH ROW EXECUTE FUNCTION case_task_rules();

-- Windows already running get their milestone tasks, as startWindow makes them from now on (lib/server/tasks/
-- create-milestone-tasks.ts): every milestone of the plan kept on the window_started entry but the decision, for the
-- case's officer. A milestone that the timeline already meets (metMilestoneTaskKeys: a review or meeting on or after
-- the day after the previous milestone, or after the window's start for the first) is done, by that entry.
WITH planned AS (
  SELECT c.authority_id, c.id AS case_id, c.assigned_officer_id, c.window_start,
         m->>'key' AS key, m->>'label' AS label, (m->>'due')::date AS due, (m->>'week')::int AS week
  FROM attendance_case c
  JOIN case_event e ON e.case_id = c.id AND e.authority_id = c.authority_id AND e.kind = 'window_started'
  CROSS JOIN LATERAL jsonb_array_elements(coalesce(e.details->'plan'->'milestones', '[]'::jsonb)) AS m
  WHERE c.status = 'window_active'
), periods AS (
  SELECT planned.*,
         coalesce(lag(due) OVER (PARTITION BY case_id ORDER BY due), window_start) + 1 AS period_from
  FROM planned
), met AS (
  SELECT p.*, w.id AS event_id, w.occurred_on, w.actor_user_id
  FROM periods p
  LEFT JOIN LATERAL (
    SELECT id, occurred_on, actor_user_id FROM case_event w
    WHERE w.case_id = p.case_id AND w.kind IN ('review', 'meeting') AND w.occurred_on >= p.period_from
      AND w.actor_user_id IS NOT NULL
    ORDER BY w.occurred_on, w.created_at
    LIMIT 1
  ) w ON true
  WHERE p.key <> 'decision'
)
INSERT INTO case_task (authority_id, case_id, kind, title, due_on, notes, assigned_to, source, source_key, status,
                       done_on, done_by, done_event_id)
SELECT authority_id, case_id, 'milestone', label, due,
       'Week ' || week || ' of the Fast Track window: record a review or meeting with the family.',
       assigned_officer_id, 'milestone', 'milestone:' || key || ':' || to_char(due, 'YYYY-MM-DD'),
       CASE WHEN event_id IS NULL THEN 'open' ELSE 'done' END, occurred_on, actor_user_id, event_id
FROM met
ON CONFLICT DO NOTHING;
