-- The auditor role (issue 12, ADR 033): the council's data protection officer, per authority. Searches and exports
-- the audit log, answers subject access requests, and keeps the retention schedule and legal holds; sees no
-- casework screens. On its own: a new enum value cannot be used in the transaction that adds it.
ALTER TYPE user_role ADD VALUE IF NOT EXISTS 'auditor';
