// The court outcome for one parent on one charge, and the legal limits it must keep to. The same table drives
// the form (which sentences to offer), the server check (validateOutcome) and the database CHECK constraints,
// so a limit changes in one place. Figures and their sources: shared/domain.md §0.3, §3.1 and §7.1.
//
// Two offences (domain.md §10.1: the app must record which was charged, because it decides what the court may do):
// - s.444(1), strict liability: a fine up to level 3 (£1,000); no custody. [C]
// - s.444(1A), "knowingly": a fine up to level 4 (£2,500) and/or up to 3 months' imprisonment. [C]
// A community order is in the guideline range of 1A only ("Band A fine to high-level community order"); the
// range for s.444(1) stops at a Band C fine (§7.1 [C]), and a community order needs an imprisonable offence.
import type { FieldProblem } from "./problems";
import { formatPence } from "./money";

export const OFFENCES = ["s444(1)", "s444(1A)"] as const;
export type Offence = (typeof OFFENCES)[number];

export const OFFENCE_LABELS: Record<Offence, string> = {
  "s444(1)": "Section 444(1), Education Act 1996",
  "s444(1A)": "Section 444(1A), Education Act 1996",
};

/** How messages name the offence in a sentence: "under section 444(1)". */
const OFFENCE_IN_TEXT: Record<Offence, string> = { "s444(1)": "section 444(1)", "s444(1A)": "section 444(1A)" };

export type OffenceLimits = {
  /** The standard-scale level of the maximum fine. */
  fineLevel: 3 | 4;
  maxFinePence: number;
  custodyAllowed: boolean;
  /** 0 when custody is not allowed. */
  maxCustodyDays: number;
  communityOrderAllowed: boolean;
};

/**
 * Custody is recorded in days. "3 months" is at most 92 days (the longest three calendar months, e.g. July to
 * September); the issue fixes 92, so a court's "3 months" from any start date fits. Fine levels: level 3 =
 * £1,000, level 4 = £2,500 (domain.md §3.1, Sentencing Council fine scale [C]).
 */
export const OFFENCE_LIMITS: Record<Offence, OffenceLimits> = {
  "s444(1)": {
    fineLevel: 3,
    maxFinePence: 100_000,
    custodyAllowed: false,
    maxCustodyDays: 0,
    communityOrderAllowed: false,
  },
  "s444(1A)": {
    fineLevel: 4,
    maxFinePence: 250_000,
    custodyAllowed: true,
    maxCustodyDays: 92,
    communityOrderAllowed: true,
  },
};

/**
 * Sentencing Act 2020 s.80(5): "a period of not more than 3 years". Not in domain.md (§7.1 lists the discharge
 * without its length); checked against the text of s.80 on legislation.gov.uk.
 */
export const MAX_CONDITIONAL_DISCHARGE_MONTHS = 36;
/**
 * Parenting order requirements last up to 12 months (Crime and Disorder Act 1998 s.8 → Sentencing Act 2020
 * s.369; domain.md §3.1 [C]). The counselling or guidance programme inside it (up to 3 months) is not recorded.
 */
export const MAX_PARENTING_ORDER_MONTHS = 12;
/**
 * Sentencing Act 2020 s.209(2): the end date must be "not more than 3 years after the date of the order". Not in
 * domain.md; checked against the text of s.209 on legislation.gov.uk and the Sentencing Council's imposition
 * guideline.
 */
export const MAX_COMMUNITY_ORDER_MONTHS = 36;

export const PLEAS = ["guilty", "not_guilty", "none"] as const;
export type Plea = (typeof PLEAS)[number];
export const PLEA_LABELS: Record<Plea, string> = {
  guilty: "Guilty",
  not_guilty: "Not guilty",
  none: "No plea entered",
};

export const VERDICTS = ["guilty", "not_guilty", "withdrawn", "dismissed"] as const;
export type Verdict = (typeof VERDICTS)[number];
export const VERDICT_LABELS: Record<Verdict, string> = {
  guilty: "Guilty",
  not_guilty: "Not guilty",
  withdrawn: "Withdrawn",
  dismissed: "Dismissed",
};

export const SENTENCE_TYPES = [
  "fine",
  "custody",
  "conditional_discharge",
  "absolute_discharge",
  "parenting_order",
  "community_order",
] as const;
export type SentenceType = (typeof SENTENCE_TYPES)[number];
/**
 * Sentences are shown in the order of SENTENCE_TYPES (an outcome has at most one of each type, so the order is
 * total), not in the order the database happens to return them: sort a read's sentences with this.
 */
export function bySentenceType<T>(typeOf: (sentence: T) => string): (a: T, b: T) => number {
  const rank = (t: string) => {
    const i = (SENTENCE_TYPES as readonly string[]).indexOf(t);
    return i === -1 ? SENTENCE_TYPES.length : i;
  };
  return (a, b) => rank(typeOf(a)) - rank(typeOf(b));
}
export const SENTENCE_TYPE_LABELS: Record<SentenceType, string> = {
  fine: "Fine",
  custody: "Custody",
  conditional_discharge: "Conditional discharge",
  absolute_discharge: "Absolute discharge",
  parenting_order: "Parenting order",
  community_order: "Community order",
};

export type Sentence =
  | { type: "fine"; amountPence: number }
  /** `suspended: false` is immediate custody. */
  | { type: "custody"; days: number; suspended: boolean }
  | { type: "conditional_discharge"; months: number }
  | { type: "absolute_discharge" }
  | { type: "parenting_order"; months: number }
  | { type: "community_order"; months: number };

/** The outcome for one parent, as the form and POST /api/v1/referrals/{id}/outcome send it. */
export type Outcome = {
  plea: Plea;
  verdict: Verdict;
  sentences: Sentence[];
  /** Prosecution costs ordered against the parent. */
  costsPence: number;
  victimSurchargePence: number;
};

/** A problem with the outcome (see FieldProblem: `field` is dotted, like `sentences.0.amountPence`). */
export type OutcomeError = FieldProblem;

/** The sentences a court may pass for the offence, in display order: the form offers only these. */
export function allowedSentenceTypes(offence: Offence): SentenceType[] {
  const limits = OFFENCE_LIMITS[offence];
  return SENTENCE_TYPES.filter(
    (t) => (t !== "custody" || limits.custodyAllowed) && (t !== "community_order" || limits.communityOrderAllowed),
  );
}

function fineCap(offence: Offence): string {
  const limits = OFFENCE_LIMITS[offence];
  return `${formatPence(limits.maxFinePence)} (level ${limits.fineLevel})`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const isWhole = (n: number) => Number.isSafeInteger(n);

/**
 * Every rule the outcome breaks for a parent charged with `offence`; empty when it may be saved.
 * Rules:
 * - sentences only on a guilty verdict, and at least one on a guilty verdict (an absolute discharge alone is a
 *   complete sentence: it is the court's disposal when it decides not to punish, Sentencing Act 2020 s.79);
 * - a guilty plea goes with a guilty verdict (a plea that was changed is recorded as the new plea);
 * - each sentence type at most once; not both an absolute and a conditional discharge (one excludes the other);
 * - a fine and custody may be combined under s.444(1A) ("and/or", domain.md §3.1);
 * - the per-offence caps in OFFENCE_LIMITS and the length limits above;
 * - costs and victim surcharge are whole pence, not negative, and only on conviction (costs are ordered against a
 *   convicted parent, domain.md §7.1). Their amounts are not capped here: costs depend on means and the costs
 *   incurred, and the surcharge on the offence date and sentence (§7.1), which this function is not given.
 */
export function validateOutcome(offence: Offence, outcome: Outcome): OutcomeError[] {
  const errors: OutcomeError[] = [];
  const under = OFFENCE_IN_TEXT[offence];
  const limits = OFFENCE_LIMITS[offence];
  const guilty = outcome.verdict === "guilty";

  if (outcome.plea === "guilty" && !guilty) {
    errors.push({
      field: "verdict",
      message: "The parent pleaded guilty, so the verdict must be guilty; if the plea was changed, record the new plea",
    });
  }

  if (!guilty && outcome.sentences.length > 0) {
    errors.push({
      field: "sentences",
      message: `A sentence can only be recorded with a guilty verdict; the verdict is ${VERDICT_LABELS[outcome.verdict].toLowerCase()}`,
    });
  }
  if (guilty && outcome.sentences.length === 0) {
    errors.push({
      field: "sentences",
      message: "Enter the sentence for the guilty verdict (an absolute discharge counts)",
    });
  }

  const seen = new Set<SentenceType>();
  outcome.sentences.forEach((sentence, i) => {
    const at = `sentences.${i}`;
    if (seen.has(sentence.type)) {
      errors.push({
        field: `${at}.type`,
        message: `${SENTENCE_TYPE_LABELS[sentence.type]} is entered more than once: enter it once`,
      });
    }
    seen.add(sentence.type);

    switch (sentence.type) {
      case "fine": {
        const p = sentence.amountPence;
        if (!isWhole(p) || p < 1) {
          errors.push({ field: `${at}.amountPence`, message: "A fine must be at least £0.01, in whole pence" });
        } else if (p > limits.maxFinePence) {
          errors.push({
            field: `${at}.amountPence`,
            message: `A fine under ${under} can be at most ${fineCap(offence)}; ${formatPence(p)} was entered`,
          });
        }
        break;
      }
      case "custody": {
        if (!limits.custodyAllowed) {
          errors.push({
            field: `${at}.type`,
            message: `Custody is not available under ${under}: the maximum sentence is a fine of ${fineCap(offence)}`,
          });
        } else if (!isWhole(sentence.days) || sentence.days < 1) {
          errors.push({
            field: `${at}.days`,
            message: "Enter the custody length as a whole number of days, at least 1",
          });
        } else if (sentence.days > limits.maxCustodyDays) {
          errors.push({
            field: `${at}.days`,
            message: `Custody under ${under} can be at most 3 months (${limits.maxCustodyDays} days); ${plural(sentence.days, "day")} was entered`,
          });
        }
        break;
      }
      case "community_order": {
        if (!limits.communityOrderAllowed) {
          errors.push({
            field: `${at}.type`,
            message: `A community order is not available under ${under}: the maximum sentence is a fine of ${fineCap(offence)}`,
          });
        } else {
          checkMonths(errors, `${at}.months`, sentence.months, "A community order", under, MAX_COMMUNITY_ORDER_MONTHS);
        }
        break;
      }
      case "conditional_discharge":
        checkMonths(
          errors,
          `${at}.months`,
          sentence.months,
          "A conditional discharge",
          under,
          MAX_CONDITIONAL_DISCHARGE_MONTHS,
        );
        break;
      case "parenting_order":
        checkMonths(errors, `${at}.months`, sentence.months, "A parenting order", under, MAX_PARENTING_ORDER_MONTHS);
        break;
      case "absolute_discharge":
        break;
    }
  });
  if (seen.has("absolute_discharge") && seen.has("conditional_discharge")) {
    errors.push({ field: "sentences", message: "Enter either an absolute or a conditional discharge, not both" });
  }

  checkCharge(errors, "costsPence", outcome.costsPence, "Costs", guilty);
  checkCharge(errors, "victimSurchargePence", outcome.victimSurchargePence, "The victim surcharge", guilty);
  return errors;
}

function checkMonths(errors: OutcomeError[], field: string, months: number, what: string, under: string, max: number) {
  if (!isWhole(months) || months < 1) {
    errors.push({
      field,
      message: `Enter the length of ${what.replace(/^An? /, "the ")} as a whole number of months, at least 1`,
    });
  } else if (months > max) {
    const years = max % 12 === 0 ? ` (${plural(max / 12, "year")})` : "";
    errors.push({
      field,
      message: `${what} under ${under} can last at most ${plural(max, "month")}${years}; ${plural(months, "month")} was entered`,
    });
  }
}

function checkCharge(errors: OutcomeError[], field: string, pence: number, what: string, guilty: boolean) {
  if (!isWhole(pence) || pence < 0) {
    errors.push({ field, message: `${what} must be £0.00 or more, in whole pence` });
  } else if (!guilty && pence > 0) {
    errors.push({ field, message: `${what} can only be ordered against a parent found guilty; enter £0.00` });
  }
}
