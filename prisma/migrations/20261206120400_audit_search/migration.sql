-- The auditor's search (issue 12, ADR 033): by action within an authority and date range, and the list of actions
-- the search form offers.
CREATE INDEX audit_log_action_idx ON audit_log (authority_id, action, at);
