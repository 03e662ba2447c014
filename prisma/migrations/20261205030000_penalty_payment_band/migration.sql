-- The lower amount of a penalty notice is only payable up to its lower_until date; a payment recorded after that
-- day must be the higher amount (amountDue in lib/domain/penalty-notices.ts; for a repeat notice both are the
-- same flat amount). penalty_notice_paid_amount_due already holds that the amount is one of the two.
ALTER TABLE penalty_notice ADD CONSTRAINT penalty_notice_paid_band_by_date CHECK (
  amount_paid_pence IS NULL OR paid_on <= lower_until OR amount_paid_pence = higher_amount_pence);
