-- Evidence snapshots store their marks as compact text (ADR 055, addendum of 7 December 2026): `marks_extract` holds
-- `date,session,code` joined by ';' (session 0 = AM, 1 = PM) and `marks` is then an empty array. Older snapshots keep
-- their marks as JSON objects and a NULL extract; both forms are read by lib/server/decisions/evidence.ts
-- (snapshotMarks), and the content hash is over the same canonical JSON of the marks in either form. A snapshot holds
-- its marks in one form only. Snapshots stay frozen (the trigger of 20261128050000_referrals refuses updates).
ALTER TABLE evidence_snapshot ADD COLUMN marks_extract text;
ALTER TABLE evidence_snapshot ADD CONSTRAINT evidence_snapshot_marks_one_form
  CHECK (marks_extract IS NULL OR (marks = '[]'::jsonb AND marks_extract <> ''));
