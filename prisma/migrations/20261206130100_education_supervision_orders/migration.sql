-- Education Supervision Orders made by the family court on a case (issue 13; Children Act 1989 s.36, Education Act
-- 1996 s.447): when it was made, whether instead of or as well as prosecution, and its length. The parental
-- responsibility return counts them (supervision_orders_total, _inplaceofprosecution, _inadditiontoprosecution).
-- Rules: lib/domain/education-supervision-orders.ts.
CREATE TABLE education_supervision_order (
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  authority_id  uuid NOT NULL REFERENCES authority (id),
  case_id       uuid NOT NULL,
  made_on       date NOT NULL,
  relation      text NOT NULL CHECK (relation IN ('instead_of_prosecution', 'in_addition_to_prosecution')),
  months        integer NOT NULL CHECK (months BETWEEN 1 AND 36),
  recorded_by   uuid NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (authority_id, id),
  FOREIGN KEY (case_id, authority_id) REFERENCES attendance_case (id, authority_id),
  FOREIGN KEY (recorded_by, authority_id) REFERENCES app_user (id, authority_id)
);
CREATE INDEX education_supervision_order_case_idx ON education_supervision_order (authority_id, case_id);
CREATE INDEX education_supervision_order_made_idx ON education_supervision_order (authority_id, made_on);

-- The timeline records the order ('eso_made'), extending the kind list in place as 20261206130000 does.
DO $$
DECLARE
  def text;
BEGIN
  SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint
    WHERE conname = 'case_event_kind_check' AND conrelid = 'case_event'::regclass;
  IF def IS NULL OR position('ARRAY[' IN def) = 0 THEN
    RAISE EXCEPTION 'case_event_kind_check not found in the expected form: %', def;
  END IF;
  ALTER TABLE case_event DROP CONSTRAINT case_event_kind_check;
  EXECUTE 'ALTER TABLE case_event ADD CONSTRAINT case_event_kind_check '
    || replace(def, 'ARRAY[', 'ARRAY[''eso_made''::text, ');
END;
$$;
