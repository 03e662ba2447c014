-- Court (issue 5): hearings per prosecution referral, and the outcome for each parent with its sentences.
-- The rules live in lib/domain/sentencing.ts (OFFENCE_LIMITS, MAX_*_MONTHS, validateOutcome); the constraints
-- below hold the same legal caps for any writer, so a raw insert that bypasses the server cannot record a fine
-- over the limit, custody under s.444(1), or a sentence without a guilty verdict.
--
-- The offence lives on prosecution_referral. To check caps per offence in a CHECK, the outcome copies the
-- referral's offence and each sentence copies the outcome's offence and verdict, with composite foreign keys
-- guaranteeing the copies equal the originals (and the referral's offence is only set once it is approved).

-- The copy targets for the composite foreign keys.
ALTER TABLE prosecution_referral ADD CONSTRAINT prosecution_referral_id_offence_key UNIQUE (id, offence);

-- Hearings: date, court, type; an adjourned hearing says why (and only an adjourned one has a reason).
CREATE TABLE court_hearing (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  authority_id        uuid NOT NULL REFERENCES authority (id),
  referral_id         uuid NOT NULL,
  hearing_date        date NOT NULL,
  court_name          text NOT NULL CHECK (btrim(court_name) <> '' AND length(court_name) <= 200),
  hearing_type        text NOT NULL CHECK (hearing_type IN ('first_hearing', 'trial', 'sentencing')),
  adjourned           boolean NOT NULL DEFAULT false,
  adjournment_reason  text,
  notes               text NOT NULL DEFAULT '',
  created_by          uuid NOT NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT court_hearing_reason_iff_adjourned CHECK (
    adjourned = (adjournment_reason IS NOT NULL AND btrim(adjournment_reason) <> '')),
  FOREIGN KEY (referral_id, authority_id) REFERENCES prosecution_referral (id, authority_id),
  FOREIGN KEY (created_by, authority_id) REFERENCES app_user (id, authority_id)
);
CREATE INDEX court_hearing_referral_idx ON court_hearing (referral_id, hearing_date);
CREATE INDEX court_hearing_upcoming_idx ON court_hearing (authority_id, hearing_date);

-- One outcome per referral (a referral is one parent on one charge). offence = the referral's offence (so only an
-- approved referral can have one). A guilty plea goes with a guilty verdict; costs and surcharge only on
-- conviction, whole pence, never negative.
CREATE TABLE court_outcome (
  id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  authority_id            uuid NOT NULL REFERENCES authority (id),
  referral_id             uuid NOT NULL,
  offence                 text NOT NULL CHECK (offence IN ('s444(1)', 's444(1A)')),
  plea                    text NOT NULL CHECK (plea IN ('guilty', 'not_guilty', 'none')),
  verdict                 text NOT NULL CHECK (verdict IN ('guilty', 'not_guilty', 'withdrawn', 'dismissed')),
  costs_pence             integer NOT NULL DEFAULT 0 CHECK (costs_pence >= 0),
  victim_surcharge_pence  integer NOT NULL DEFAULT 0 CHECK (victim_surcharge_pence >= 0),
  recorded_by             uuid NOT NULL,
  created_at              timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT court_outcome_one_per_referral UNIQUE (referral_id),
  CONSTRAINT court_outcome_guilty_plea_guilty_verdict CHECK (plea <> 'guilty' OR verdict = 'guilty'),
  CONSTRAINT court_outcome_charges_only_on_conviction CHECK (
    verdict = 'guilty' OR (costs_pence = 0 AND victim_surcharge_pence = 0)),
  UNIQUE (id, offence, verdict),
  FOREIGN KEY (referral_id, authority_id) REFERENCES prosecution_referral (id, authority_id),
  FOREIGN KEY (referral_id, offence) REFERENCES prosecution_referral (id, offence),
  FOREIGN KEY (recorded_by, authority_id) REFERENCES app_user (id, authority_id)
);

-- The sentences of one outcome: each type at most once, never both discharges, only on a guilty verdict, and
-- within the caps for the offence (OFFENCE_LIMITS and MAX_*_MONTHS in lib/domain/sentencing.ts):
--   s.444(1):  fine <= 100000 pence (GBP 1,000, level 3); no custody; no community order.
--   s.444(1A): fine <= 250000 pence (GBP 2,500, level 4); custody <= 92 days; community order <= 36 months.
--   Either: conditional discharge <= 36 months; parenting order <= 12 months.
CREATE TABLE court_sentence (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  authority_id   uuid NOT NULL REFERENCES authority (id),
  outcome_id     uuid NOT NULL,
  offence        text NOT NULL,
  verdict        text NOT NULL,
  sentence_type  text NOT NULL CHECK (sentence_type IN (
                   'fine', 'custody', 'conditional_discharge', 'absolute_discharge', 'parenting_order', 'community_order')),
  amount_pence   integer,
  days           integer,
  suspended      boolean,
  months         integer,
  CONSTRAINT court_sentence_only_on_guilty_verdict CHECK (verdict = 'guilty'),
  CONSTRAINT court_sentence_one_per_type UNIQUE (outcome_id, sentence_type),
  -- Each type carries exactly its own figures.
  CONSTRAINT court_sentence_shape CHECK (
    (amount_pence IS NOT NULL) = (sentence_type = 'fine')
    AND (days IS NOT NULL) = (sentence_type = 'custody')
    AND (suspended IS NOT NULL) = (sentence_type = 'custody')
    AND (months IS NOT NULL) = (sentence_type IN ('conditional_discharge', 'parenting_order', 'community_order'))),
  CONSTRAINT court_sentence_fine_cap CHECK (
    sentence_type <> 'fine' OR (amount_pence >= 1 AND amount_pence <= CASE offence WHEN 's444(1)' THEN 100000 ELSE 250000 END)),
  CONSTRAINT court_sentence_custody_cap CHECK (
    sentence_type <> 'custody' OR (offence = 's444(1A)' AND days BETWEEN 1 AND 92)),
  CONSTRAINT court_sentence_community_order_cap CHECK (
    sentence_type <> 'community_order' OR (offence = 's444(1A)' AND months BETWEEN 1 AND 36)),
  CONSTRAINT court_sentence_conditional_discharge_cap CHECK (
    sentence_type <> 'conditional_discharge' OR months BETWEEN 1 AND 36),
  CONSTRAINT court_sentence_parenting_order_cap CHECK (
    sentence_type <> 'parenting_order' OR months BETWEEN 1 AND 12),
  FOREIGN KEY (outcome_id, offence, verdict) REFERENCES court_outcome (id, offence, verdict)
);
-- An absolute and a conditional discharge exclude each other.
CREATE UNIQUE INDEX court_sentence_one_discharge ON court_sentence (outcome_id)
  WHERE sentence_type IN ('absolute_discharge', 'conditional_discharge');
