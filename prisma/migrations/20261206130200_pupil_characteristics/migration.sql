-- A pupil's SEN provision and free-school-meals eligibility, kept from the Common Transfer File (issue 13): the
-- SENhistory and FSMhistory of the latest CTF that carried them. Special category and sensitive data: shown only to
-- officers, managers and the pupil's own school (the pupil.characteristics.read permission with pupilScope), and
-- every showing is audited. The fairness table counts pupils by them.
-- sen_provision holds the CTF's code (N none, K SEN support, E EHC plan; the older A, P and S are kept as given);
-- NULL means the file said nothing. fsm_eligible: eligible on the day the file was imported (a free-school-meals
-- period covering that day); NULL means the file said nothing.
CREATE TABLE pupil_characteristics (
  authority_id    uuid NOT NULL REFERENCES authority (id),
  pupil_id        uuid NOT NULL,
  sen_provision   text CHECK (sen_provision IN ('N', 'K', 'E', 'A', 'P', 'S')),
  sen_since       date,
  fsm_eligible    boolean,
  fsm_since       date,
  -- The import that last set these values. No foreign key: the register store (attendance_import) stays on the
  -- Citus coordinator until issue 14 re-keys it, and a distributed table cannot reference it (ADR 071).
  import_id       bigint,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (authority_id, pupil_id),
  CONSTRAINT pupil_characteristics_sen_since_with_sen CHECK (sen_since IS NULL OR sen_provision IS NOT NULL),
  CONSTRAINT pupil_characteristics_fsm_since_when_eligible CHECK (fsm_since IS NULL OR fsm_eligible),
  FOREIGN KEY (pupil_id, authority_id) REFERENCES pupil (id, authority_id)
);
