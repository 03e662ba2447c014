-- Foundation: authorities, schools, users, sign-in throttling, API tokens, pupils, enrolments,
-- parents/carers and the append-only audit log.
-- Every row that belongs to an authority carries authority_id; child rows reference their parent through
-- (id, authority_id) so that a row can never point across authorities.

CREATE TYPE user_role AS ENUM ('admin', 'manager', 'officer', 'school');
CREATE TYPE school_phase AS ENUM ('primary', 'secondary');
CREATE TYPE school_type AS ENUM ('maintained', 'academy', 'other');
CREATE TYPE pupil_sex AS ENUM ('F', 'M');

CREATE TABLE authority (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  la_code     text NOT NULL UNIQUE CHECK (la_code ~ '^[0-9]{3}$'),
  name        text NOT NULL CHECK (btrim(name) <> ''),
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE school (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  authority_id  uuid NOT NULL REFERENCES authority (id),
  urn           integer NOT NULL UNIQUE CHECK (urn BETWEEN 100000 AND 999999),
  estab_number  text NOT NULL CHECK (estab_number ~ '^[0-9]{4}$'),
  name          text NOT NULL CHECK (btrim(name) <> ''),
  phase         school_phase NOT NULL,
  type          school_type NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (authority_id, estab_number),
  UNIQUE (id, authority_id)
);

CREATE TABLE app_user (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  authority_id          uuid NOT NULL REFERENCES authority (id),
  school_id             uuid,
  email                 text NOT NULL UNIQUE CHECK (email = lower(email) AND email ~ '^[^@\s]+@[^@\s]+$'),
  name                  text NOT NULL CHECK (btrim(name) <> ''),
  role                  user_role NOT NULL,
  password_hash         text NOT NULL,
  must_change_password  boolean NOT NULL DEFAULT true,
  disabled              boolean NOT NULL DEFAULT false,
  session_version       integer NOT NULL DEFAULT 0,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  -- School staff belong to exactly one school; nobody else belongs to a school.
  CONSTRAINT app_user_school_iff_school_role CHECK ((role = 'school') = (school_id IS NOT NULL)),
  FOREIGN KEY (school_id, authority_id) REFERENCES school (id, authority_id)
);

-- Failed sign-ins are counted per email address typed, whether or not a user has it, so that the lockout
-- message never reveals which addresses exist.
CREATE TABLE sign_in_throttle (
  email         text PRIMARY KEY,
  failures      integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
  locked_until  timestamptz,
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_token (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id       uuid NOT NULL REFERENCES app_user (id),
  token_hash    text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  label         text NOT NULL DEFAULT '',
  created_at    timestamptz NOT NULL DEFAULT now(),
  revoked_at    timestamptz,
  last_used_at  timestamptz
);
CREATE INDEX api_token_user_idx ON api_token (user_id);

CREATE TABLE pupil (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  authority_id   uuid NOT NULL REFERENCES authority (id),
  upn            text NOT NULL CHECK (upn ~ '^[A-HJ-NP-RT-Z][0-9]{11}[0-9A-HJ-NP-RT-Z]$'),
  upn_temporary  boolean NOT NULL,
  former_upn     text CHECK (former_upn ~ '^[A-HJ-NP-RT-Z][0-9]{11}[0-9A-HJ-NP-RT-Z]$'),
  first_name     text NOT NULL CHECK (btrim(first_name) <> ''),
  middle_names   text,
  last_name      text NOT NULL CHECK (btrim(last_name) <> ''),
  date_of_birth  date NOT NULL,
  sex            pupil_sex NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT pupil_upn_temporary_matches CHECK (upn_temporary = (upn ~ '[A-Z]$')),
  UNIQUE (authority_id, upn),
  UNIQUE (id, authority_id)
);
CREATE INDEX pupil_former_upn_idx ON pupil (authority_id, former_upn) WHERE former_upn IS NOT NULL;
CREATE INDEX pupil_name_idx ON pupil (authority_id, lower(last_name), lower(first_name));

CREATE TABLE enrolment (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  authority_id  uuid NOT NULL REFERENCES authority (id),
  pupil_id      uuid NOT NULL,
  school_id     uuid NOT NULL,
  start_date    date NOT NULL,
  end_date      date,
  year_group    text NOT NULL CHECK (year_group IN ('N1','N2','R','1','2','3','4','5','6','7','8','9','10','11','12','13','14')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (end_date IS NULL OR end_date >= start_date),
  UNIQUE (pupil_id, school_id, start_date),
  FOREIGN KEY (pupil_id, authority_id) REFERENCES pupil (id, authority_id),
  FOREIGN KEY (school_id, authority_id) REFERENCES school (id, authority_id)
);
CREATE INDEX enrolment_school_idx ON enrolment (school_id, start_date, end_date);
CREATE INDEX enrolment_pupil_idx ON enrolment (pupil_id);

CREATE TABLE parent (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  authority_id   uuid NOT NULL REFERENCES authority (id),
  title          text,
  first_name     text NOT NULL CHECK (btrim(first_name) <> ''),
  last_name      text NOT NULL CHECK (btrim(last_name) <> ''),
  address_line1  text,
  address_line2  text,
  town           text,
  postcode       text,
  phone          text,
  email          text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (id, authority_id)
);

CREATE TABLE pupil_parent (
  pupil_id                 uuid NOT NULL,
  parent_id                uuid NOT NULL,
  authority_id             uuid NOT NULL REFERENCES authority (id),
  relationship             text NOT NULL CHECK (relationship IN ('mother','father','step_parent','grandparent','foster_carer','other_relative','carer','other')),
  parental_responsibility  boolean NOT NULL,
  lives_with_pupil         boolean NOT NULL,
  PRIMARY KEY (pupil_id, parent_id),
  FOREIGN KEY (pupil_id, authority_id) REFERENCES pupil (id, authority_id),
  FOREIGN KEY (parent_id, authority_id) REFERENCES parent (id, authority_id)
);
CREATE INDEX pupil_parent_parent_idx ON pupil_parent (parent_id);

-- Append-only audit log: who did what to which record, including reads of pupils and cases.
CREATE TABLE audit_log (
  id             bigserial PRIMARY KEY,
  at             timestamptz NOT NULL DEFAULT now(),
  actor_user_id  uuid REFERENCES app_user (id),
  authority_id   uuid REFERENCES authority (id),
  action         text NOT NULL CHECK (action ~ '^[a-z_]+\.[a-z_]+$'),
  entity_type    text,
  entity_id      text,
  detail         jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id);
CREATE INDEX audit_log_authority_at_idx ON audit_log (authority_id, at);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
