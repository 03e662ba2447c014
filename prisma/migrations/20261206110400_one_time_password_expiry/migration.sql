-- A one-time password (new user, administrator's reset) works for 72 hours (issue 11, ASVS). Users still holding
-- one from before this migration get 72 hours from now; a must-change password without an expiry does not work.
ALTER TABLE app_user ADD COLUMN one_time_password_expires_at timestamptz;
UPDATE app_user SET one_time_password_expires_at = now() + interval '72 hours' WHERE must_change_password;
