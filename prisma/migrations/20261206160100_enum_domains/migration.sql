-- A user's role, a school's phase and type, and a pupil's sex become domains over text instead of enum types: the
-- same values, checked the same way. The difference is how a value is read as text. Prisma returns enum columns
-- cast to text after each insert and update (RETURNING "role"::text); an enum's text output is a STABLE function,
-- and Citus refuses any function that is not IMMUTABLE in a RETURNING clause, so every insert of a user, school or
-- pupil would fail there. A domain's cast to text is a relabelling, not a function call. See
-- docs/decisions/071-citus.md. The constraint that compares the role is dropped and re-added around the change.

ALTER TABLE app_user DROP CONSTRAINT app_user_school_iff_school_role;
ALTER TYPE user_role RENAME TO user_role_enum;
CREATE DOMAIN user_role AS text CHECK (VALUE IN ('admin', 'manager', 'officer', 'school'));
ALTER TABLE app_user ALTER COLUMN role TYPE user_role USING role::text;
DROP TYPE user_role_enum;
ALTER TABLE app_user ADD CONSTRAINT app_user_school_iff_school_role CHECK ((role = 'school') = (school_id IS NOT NULL));

ALTER TYPE school_phase RENAME TO school_phase_enum;
CREATE DOMAIN school_phase AS text CHECK (VALUE IN ('primary', 'secondary'));
ALTER TABLE school ALTER COLUMN phase TYPE school_phase USING phase::text;
DROP TYPE school_phase_enum;

ALTER TYPE school_type RENAME TO school_type_enum;
CREATE DOMAIN school_type AS text CHECK (VALUE IN ('maintained', 'academy', 'other'));
ALTER TABLE school ALTER COLUMN type TYPE school_type USING type::text;
DROP TYPE school_type_enum;

ALTER TYPE pupil_sex RENAME TO pupil_sex_enum;
CREATE DOMAIN pupil_sex AS text CHECK (VALUE IN ('F', 'M'));
ALTER TABLE pupil ALTER COLUMN sex TYPE pupil_sex USING sex::text;
DROP TYPE pupil_sex_enum;
