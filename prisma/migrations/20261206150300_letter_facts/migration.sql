-- Letters that state the facts (issue 15 §1). An invitation or a warning quotes the pupil's attendance over the last
-- N school weeks before the letter, N per template (default 6; a school year has 39 school weeks): DEFAULT_FIGURES_WEEKS
-- and MAX_FIGURES_WEEKS in lib/domain/letter-facts.ts, letterTemplateSchema in lib/schemas/letters.ts.
ALTER TABLE letter_template ADD COLUMN figures_weeks smallint NOT NULL DEFAULT 6,
  ADD CONSTRAINT letter_template_figures_weeks CHECK (figures_weeks BETWEEN 1 AND 39);

-- A template uses only the merge fields its kind of letter can know (KIND_FIELDS in lib/domain/letter-facts.ts): an
-- invitation has no window, only an invitation has a meeting, and a review or final warning quotes the window so
-- far, not the term. Templates saved before this rule are left as they were (NOT VALID); producing a letter from
-- one is refused with the same message until an administrator corrects it.
ALTER TABLE letter_template ADD CONSTRAINT letter_template_fields_fit_kind CHECK (
  (kind <> 'meeting_invitation'
    OR (subject || E'\n' || body) !~ '\{\{\s*case\.(windowStart|windowEnd|target)\s*\}\}')
  AND (kind = 'meeting_invitation'
    OR (subject || E'\n' || body) !~ '\{\{\s*meeting\.(date|time|place)\s*\}\}')
  AND (kind NOT IN ('review', 'final_warning')
    OR (subject || E'\n' || body) !~ '\{\{\s*figures\.term(Period|AttendancePct|UnauthorisedSessions)\s*\}\}')
) NOT VALID;
