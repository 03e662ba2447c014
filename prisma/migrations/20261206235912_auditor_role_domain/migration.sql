-- The auditor role (issue 12, ADR 033) in the user_role domain. 20261206160100_enum_domains (issue 16) turned the
-- user_role enum into a text domain listing the four roles main had then, after 20261206120200_auditor_role had
-- added 'auditor' to the enum on the issue 12 branch; so the domain must name it again, and this migration must
-- run after that one (hence its late number, outside issue 12's 12xxxx hour; 23 is no issue's).
ALTER DOMAIN user_role DROP CONSTRAINT user_role_check;
ALTER DOMAIN user_role ADD CONSTRAINT user_role_check
  CHECK (VALUE IN ('admin', 'manager', 'officer', 'school', 'auditor'));
