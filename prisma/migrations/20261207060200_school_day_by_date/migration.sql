-- The authority's figures over a range read the days at its edges (the whole weeks come from
-- attendance_school_week, ADR 057) for every school at once: by date, not school by school.
CREATE INDEX attendance_school_day_date_idx ON attendance_school_day (authority_id, date);
