-- Casework (issue 4): flags raised by schools, the officers' triage queue, cases with the parents/carers they
-- concern, sibling links, each case's timeline, and each authority's Fast Track window settings.
-- The rules live in lib/domain (case-state.ts, case-rules.ts, fast-track-window.ts, case-target.ts); the
-- constraints below hold the same rules for any writer, so a bug or a raw insert cannot break them.

-- Users are referenced through (id, authority_id), as pupils and schools are, so that a case can never name an
-- officer of another authority.
ALTER TABLE app_user ADD CONSTRAINT app_user_id_authority_id_key UNIQUE (id, authority_id);

-- Window length and milestones per authority (WindowSettings in lib/domain/fast-track-window.ts). Written only
-- after validateWindowSettings accepts them; an authority without a row uses DEFAULT_WINDOW_SETTINGS.
CREATE TABLE authority_case_settings (
  authority_id     uuid PRIMARY KEY REFERENCES authority (id),
  window_settings  jsonb NOT NULL CHECK (jsonb_typeof(window_settings) = 'object'),
  updated_by       uuid REFERENCES app_user (id),
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- One case per pupil at a time. status holds CASE_STATES (lib/domain/case-state.ts); "open" in the rules means
-- any state but closed. Targets are stored in whole numbers: a minimum attendance in tenths of a percent
-- (925 = 92.5%) and a maximum number of unauthorised sessions.
CREATE TABLE attendance_case (
  id                            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  authority_id                  uuid NOT NULL REFERENCES authority (id),
  pupil_id                      uuid NOT NULL,
  status                        text NOT NULL DEFAULT 'open'
                                CHECK (status IN ('open', 'window_active', 'decision_due', 'monitoring', 'referred', 'closed')),
  assigned_officer_id           uuid NOT NULL,
  opened_on                     date NOT NULL,
  back_dated                    boolean NOT NULL DEFAULT false,
  window_start                  date,
  window_end                    date,
  target_min_attendance_tenths  integer CHECK (target_min_attendance_tenths BETWEEN 0 AND 1000),
  target_max_unauthorised       integer CHECK (target_max_unauthorised >= 0),
  close_outcome                 text
                                CHECK (close_outcome IN ('improved', 'moved_school', 'left_compulsory_age', 'referred_elsewhere', 'other')),
  close_reason                  text,
  version                       integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  opened_by                     uuid NOT NULL,
  created_at                    timestamptz NOT NULL DEFAULT now(),
  updated_at                    timestamptz NOT NULL DEFAULT now(),
  -- A window has both dates or neither; it ends on or after its start, and starts no earlier than the case.
  CONSTRAINT attendance_case_window_both_or_neither CHECK ((window_start IS NULL) = (window_end IS NULL)),
  CONSTRAINT attendance_case_window_end_after_start CHECK (window_end >= window_start),
  CONSTRAINT attendance_case_window_not_before_opening CHECK (window_start >= opened_on),
  -- A window always has a target: a minimum attendance, a maximum of unauthorised sessions, or both.
  CONSTRAINT attendance_case_window_has_target CHECK (
    window_start IS NULL OR target_min_attendance_tenths IS NOT NULL OR target_max_unauthorised IS NOT NULL),
  -- The states after startWindow all need a window.
  CONSTRAINT attendance_case_state_needs_window CHECK (status IN ('open', 'closed') OR window_start IS NOT NULL),
  -- A closed case has an outcome and a reason; any other case has neither.
  CONSTRAINT attendance_case_close_outcome_iff_closed CHECK ((status = 'closed') = (close_outcome IS NOT NULL)),
  CONSTRAINT attendance_case_close_reason_iff_closed CHECK (
    (status = 'closed') = (close_reason IS NOT NULL AND btrim(close_reason) <> '')),
  UNIQUE (id, authority_id),
  FOREIGN KEY (pupil_id, authority_id) REFERENCES pupil (id, authority_id),
  FOREIGN KEY (assigned_officer_id, authority_id) REFERENCES app_user (id, authority_id),
  FOREIGN KEY (opened_by, authority_id) REFERENCES app_user (id, authority_id)
);
-- "A pupil has at most one open case", held by the database whatever the writer.
CREATE UNIQUE INDEX attendance_case_one_open_per_pupil ON attendance_case (pupil_id) WHERE status <> 'closed';
CREATE INDEX attendance_case_authority_idx ON attendance_case (authority_id, status);
CREATE INDEX attendance_case_officer_idx ON attendance_case (assigned_officer_id) WHERE status <> 'closed';

-- A school's flag: a pupil it considers a persistent truant, what it has already tried, and the pupil's
-- attendance figures at that moment (a snapshot: later register changes do not alter it). Officers accept it
-- (a case opens), decline it with a reason the school sees, or merge it into the pupil's open case.
CREATE TABLE case_flag (
  id                         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  authority_id               uuid NOT NULL REFERENCES authority (id),
  pupil_id                   uuid NOT NULL,
  school_id                  uuid NOT NULL,
  flagged_by                 uuid NOT NULL,
  reason                     text NOT NULL CHECK (btrim(reason) <> ''),
  tried_meeting              boolean NOT NULL DEFAULT false,
  tried_attendance_contract  boolean NOT NULL DEFAULT false,
  tried_early_help           boolean NOT NULL DEFAULT false,
  tried_other                text,
  figures                    jsonb NOT NULL CHECK (jsonb_typeof(figures) = 'object'),
  status                     text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'accepted', 'declined', 'merged')),
  decline_reason             text,
  case_id                    uuid,
  decided_at                 timestamptz,
  decided_by                 uuid,
  created_at                 timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT case_flag_decline_reason_iff_declined CHECK (
    (status = 'declined') = (decline_reason IS NOT NULL AND btrim(decline_reason) <> '')),
  CONSTRAINT case_flag_case_iff_accepted_or_merged CHECK ((status IN ('accepted', 'merged')) = (case_id IS NOT NULL)),
  CONSTRAINT case_flag_decided_iff_not_new CHECK (
    (status = 'new') = (decided_at IS NULL) AND (status = 'new') = (decided_by IS NULL)),
  FOREIGN KEY (pupil_id, authority_id) REFERENCES pupil (id, authority_id),
  FOREIGN KEY (school_id, authority_id) REFERENCES school (id, authority_id),
  FOREIGN KEY (flagged_by, authority_id) REFERENCES app_user (id, authority_id),
  FOREIGN KEY (decided_by, authority_id) REFERENCES app_user (id, authority_id),
  FOREIGN KEY (case_id, authority_id) REFERENCES attendance_case (id, authority_id)
);
-- At most one undecided flag per pupil: a second school flag waits for the first to be decided.
CREATE UNIQUE INDEX case_flag_one_new_per_pupil ON case_flag (pupil_id) WHERE status = 'new';
CREATE INDEX case_flag_queue_idx ON case_flag (authority_id, created_at) WHERE status = 'new';
CREATE INDEX case_flag_school_idx ON case_flag (school_id, created_at);

-- The parents/carers a case concerns; each is a party to it (and, later, to any prosecution) separately.
CREATE TABLE case_party (
  case_id       uuid NOT NULL,
  parent_id     uuid NOT NULL,
  authority_id  uuid NOT NULL REFERENCES authority (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, parent_id),
  FOREIGN KEY (case_id, authority_id) REFERENCES attendance_case (id, authority_id),
  FOREIGN KEY (parent_id, authority_id) REFERENCES parent (id, authority_id)
);
CREATE INDEX case_party_parent_idx ON case_party (parent_id);

-- Siblings' cases, linked both ways: one row per pair, the smaller id first (so no self link and no duplicates).
CREATE TABLE case_link (
  case_id         uuid NOT NULL,
  linked_case_id  uuid NOT NULL,
  authority_id    uuid NOT NULL REFERENCES authority (id),
  created_by      uuid NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, linked_case_id),
  CONSTRAINT case_link_ordered_pair CHECK (case_id < linked_case_id),
  FOREIGN KEY (case_id, authority_id) REFERENCES attendance_case (id, authority_id),
  FOREIGN KEY (linked_case_id, authority_id) REFERENCES attendance_case (id, authority_id),
  FOREIGN KEY (created_by, authority_id) REFERENCES app_user (id, authority_id)
);
CREATE INDEX case_link_linked_idx ON case_link (linked_case_id);

-- The case timeline: work recorded by officers (meetings, visits, calls, letters, notes, contracts, reviews) and
-- the changes the service records itself (opening, window, reassignment, closing, reopening, merged flags).
-- Kinds mirror CASE_EVENT_KINDS in lib/schemas/case.ts. Append-only in practice: nothing updates or deletes it.
CREATE TABLE case_event (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id        uuid NOT NULL,
  authority_id   uuid NOT NULL REFERENCES authority (id),
  kind           text NOT NULL CHECK (kind IN (
                   'meeting', 'home_visit', 'phone_call', 'letter', 'note', 'attendance_contract', 'review',
                   'opened', 'flag_merged', 'window_started', 'reassigned', 'closed', 'reopened')),
  occurred_on    date NOT NULL,
  note           text NOT NULL DEFAULT '',
  actor_user_id  uuid NOT NULL,
  details        jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(details) = 'object'),
  created_at     timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (case_id, authority_id) REFERENCES attendance_case (id, authority_id),
  FOREIGN KEY (actor_user_id, authority_id) REFERENCES app_user (id, authority_id)
);
CREATE INDEX case_event_timeline_idx ON case_event (case_id, occurred_on DESC, created_at DESC);
