// Inputs for the manager's review of prosecution referrals and for the court side (hearings, outcomes), shared by
// the forms, the server actions, the server functions and the JSON API. The manager's own approval items and the
// legal caps are the domain's (missingManagerInputs, validateOutcome), run inside these schemas so the form shows the same
// messages the server and the API give; rules needing the database (scope, status, version, the offence stored on
// the referral, penalty notices) stay on the server.
import { z } from "zod";
import { hearingDayProblem, hearingTimeProblem } from "@/lib/domain/hearings";
import { parseTimeOfDay } from "@/lib/domain/time-of-day";
import { parsePounds } from "@/lib/domain/money";
import { DEFENCES, missingManagerInputs } from "@/lib/domain/referral-checklist";
import { INTERVIEW_OUTCOMES } from "@/lib/domain/referral-readiness";
import {
  OFFENCES,
  PLEAS,
  SENTENCE_TYPES,
  VERDICTS,
  validateOutcome,
  type Offence,
  type Outcome,
  type Sentence,
} from "@/lib/domain/sentencing";
import { requiredText } from "./common";
import { dateField, optionalDateField, withDateInputs } from "./date-input";

export const REFERRAL_STATUSES = ["awaiting_review", "approved", "rejected", "concluded"] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, string> = {
  awaiting_review: "Awaiting review",
  approved: "Approved for prosecution",
  rejected: "Rejected",
  concluded: "Concluded",
};

/** Where a rejected referral goes: back to casework (the case stays open, in monitoring), or the case closes. */
export const REJECT_ROUTES = ["casework", "close"] as const;
export type RejectRoute = (typeof REJECT_ROUTES)[number];
export const REJECT_ROUTE_LABELS: Record<RejectRoute, string> = {
  casework: "Return the case to casework",
  close: "Close the case",
};

export const HEARING_TYPES = ["first_hearing", "trial", "sentencing"] as const;
export type HearingType = (typeof HEARING_TYPES)[number];
export const HEARING_TYPE_LABELS: Record<HearingType, string> = {
  first_hearing: "First hearing",
  trial: "Trial",
  sentencing: "Sentencing",
};

const id = (label: string) =>
  z
    .string({ error: `Select ${label}` })
    .trim()
    .regex(/^[0-9a-f-]{36}$/i, `Select ${label}`);
const version = z.coerce
  .number({ error: "Reload the page and try again" })
  .int()
  .min(1, "Reload the page and try again");
const checkbox = z.preprocess((v) => v === true || v === "true" || v === "on" || v === "1", z.boolean());
const blankToNull = (v: unknown) => (v === "" || v === undefined ? null : v);
const toPath = (field: string) => field.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p));

/** Checkbox groups arrive as an array (react-hook-form, the API), one string, or a comma-joined string (actions). */
const stringList = z.preprocess((v) => {
  if (v === undefined || v === null || v === false || v === "") return [];
  if (typeof v === "string")
    return v
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "");
  return v;
}, z.array(z.string()));

const offence = z.enum(OFFENCES, { error: "Select the offence: section 444(1) or section 444(1A)" });

/** A claim about an item the record proves (the API's checklist.lettersSent and the like): accepted but never
 * trusted; the server computes each item, and a claim the record contradicts is refused on its field. */
const claim = z.preprocess(
  (v) => (v === undefined || v === null || v === "" ? undefined : v === true || v === "true" || v === "on"),
  z.boolean().optional(),
);

/** The manager's own items and the claims, flat, as the form names them (and the API's `checklist` object). */
const checklistFields = {
  attendanceCertificate: claim,
  lettersSent: claim,
  warningGiven: claim,
  supportOffered: claim,
  interviewUnderCaution: z.preprocess(
    blankToNull,
    z.enum(INTERVIEW_OUTCOMES, { error: "Select held, refused or no response" }).nullable().optional(),
  ),
  esoConsidered: checkbox,
  esoReasoning: z.preprocess(
    (v) => v ?? "",
    z.string().trim().max(5000, "The reasoning must be 5000 characters or fewer"),
  ),
  defencesConsidered: stringList.pipe(z.array(z.enum(DEFENCES, { error: "Select only the defences listed" }))),
};

/**
 * Approving a referral for one parent: the offence and the manager's own items (the ESO with its reasoning, the five
 * defences), each missing one reported on its field with missingManagerInputs' message. The items the record proves
 * (letters, warning, support, interview, certificate) are computed on the server (loadReadiness), never taken from
 * the request.
 */
export const approveReferralSchema = z
  .object({ referralId: id("the referral"), version, offence, ...checklistFields })
  .superRefine(
    (input, ctx) => {
      // Runs even when another field is wrong (an offence not chosen), so every missing item is listed at once; a
      // field that is itself malformed keeps its own message.
      const raw = input as Partial<Record<keyof typeof input, unknown>>;
      const taken = new Set(
        (ctx as unknown as { issues?: { path?: PropertyKey[] }[] }).issues?.map((i) => String(i.path?.[0])) ?? [],
      );
      const missing = missingManagerInputs({
        esoConsidered: raw.esoConsidered === true,
        esoReasoning: typeof raw.esoReasoning === "string" ? raw.esoReasoning : "",
        defencesConsidered: Array.isArray(raw.defencesConsidered)
          ? raw.defencesConsidered.filter((d): d is string => typeof d === "string")
          : [],
      });
      for (const m of missing) {
        if (!taken.has(m.field)) ctx.addIssue({ code: "custom", path: [m.field], message: m.message });
      }
    },
    { when: () => true },
  );
export type ApproveReferralInput = z.input<typeof approveReferralSchema>;

export const rejectReferralSchema = z.object({
  referralId: id("the referral"),
  version,
  reason: requiredText("the reason for rejecting the referral", 2000),
  route: z.enum(REJECT_ROUTES, { error: "Select whether the case returns to casework or closes" }),
});
export type RejectReferralInput = z.input<typeof rejectReferralSchema>;

/** A hearing's time as typed ("10am", "14:15"), stored as "HH:MM"; required, within court hours. */
const hearingTime = z
  .string({ error: "Enter the time of the hearing, like 10am or 2:15pm" })
  .trim()
  .min(1, { error: "Enter the time of the hearing, like 10am or 2:15pm", abort: true })
  .transform((v, ctx) => {
    const time = parseTimeOfDay(v);
    if (time === null) {
      ctx.addIssue({ code: "custom", message: "Enter a real time of day, like 10am, 2:15pm or 14:15" });
      return z.NEVER;
    }
    const problem = hearingTimeProblem(time);
    if (problem) {
      ctx.addIssue({ code: "custom", message: problem });
      return z.NEVER;
    }
    return time;
  });

export const addHearingSchema = withDateInputs(
  ["hearingDate"],
  z
    .object({
      referralId: id("the referral"),
      hearingDate: dateField("the date of the hearing"),
      hearingTime,
      courtId: id("the court"),
      hearingType: z.enum(HEARING_TYPES, { error: "Select the type of hearing: first hearing, trial or sentencing" }),
      /** A Saturday sitting, confirmed by the user (hearingDayProblem). */
      saturdayConfirmed: checkbox,
      adjourned: checkbox,
      adjournmentReason: z.preprocess(
        (v) => (typeof v === "string" && v.trim() === "" ? null : (v ?? null)),
        z.string().trim().max(2000, "The reason must be 2000 characters or fewer").nullable(),
      ),
      notes: z.preprocess((v) => v ?? "", z.string().trim().max(5000, "The notes must be 5000 characters or fewer")),
    })
    .superRefine(
      (v, ctx) => {
        if (v.adjourned && !v.adjournmentReason) {
          ctx.addIssue({
            code: "custom",
            path: ["adjournmentReason"],
            message: "Enter the reason the hearing was adjourned",
          });
        }
        if (!v.adjourned && v.adjournmentReason) {
          ctx.addIssue({
            code: "custom",
            path: ["adjournmentReason"],
            message: "Only give a reason when the hearing was adjourned",
          });
        }
      },
      {
        when: (payload) =>
          !payload.issues.some((i) => i.path?.[0] === "adjourned" || i.path?.[0] === "adjournmentReason"),
      },
    )
    .superRefine(
      (v, ctx) => {
        const problem = hearingDayProblem(v.hearingDate, v.saturdayConfirmed);
        if (problem) ctx.addIssue({ code: "custom", path: [problem.field], message: problem.message });
      },
      { when: (payload) => !payload.issues.some((i) => i.path?.[0] === "hearingDate") },
    ),
);
export type AddHearingInput = {
  referralId: string;
  hearingDate?: unknown;
  hearingTime: string;
  courtId: string;
  hearingType: string;
  saturdayConfirmed?: unknown;
  adjourned?: unknown;
  adjournmentReason?: unknown;
  notes?: unknown;
} & Record<string, unknown>;

const whole = (label: string) =>
  z.number({ error: `${label} must be a whole number` }).int(`${label} must be a whole number`);

export const sentenceSchema = z.discriminatedUnion(
  "type",
  [
    z.object({ type: z.literal("fine"), amountPence: whole("The fine in pence") }),
    z.object({
      type: z.literal("custody"),
      days: whole("Custody days"),
      suspended: z.boolean({ error: "Say whether custody is suspended" }),
    }),
    z.object({ type: z.literal("conditional_discharge"), months: whole("The conditional discharge in months") }),
    z.object({ type: z.literal("absolute_discharge") }),
    z.object({ type: z.literal("parenting_order"), months: whole("The parenting order in months") }),
    z.object({ type: z.literal("community_order"), months: whole("The community order in months") }),
  ],
  { error: `Each sentence needs a type: ${SENTENCE_TYPES.join(", ")}` },
);

/** The outcome as the server and POST /api/v1/referrals/{id}/outcome take it (money in pence). */
export const outcomeSchema = z.object({
  /** The hearing that decided it; by default the referral's latest past hearing that was not adjourned. */
  hearingId: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z
      .string()
      .trim()
      .regex(/^[0-9a-f-]{36}$/i, "Select the hearing that decided the outcome")
      .optional(),
  ),
  /** The day the court decided it; by default the hearing's day. */
  decidedOn: optionalDateField("the date of the outcome"),
  plea: z.enum(PLEAS, { error: "Select the plea: guilty, not guilty or none" }),
  verdict: z.enum(VERDICTS, { error: "Select the verdict: guilty, not guilty, withdrawn or dismissed" }),
  sentences: z.array(sentenceSchema, { error: "sentences must be a list" }).default([]),
  costsPence: whole("Costs in pence").default(0),
  victimSurchargePence: whole("The victim surcharge in pence").default(0),
});
export type OutcomeInput = z.input<typeof outcomeSchema>;

/** The outcome form: one box per sentence, money in pounds as typed. `offence` is the referral's, so the form
 * checks the same caps; the server uses the offence stored on the referral, whatever the form says. */
export const OUTCOME_FORM_FIELDS = [
  "hearingId",
  "decidedOn",
  "plea",
  "verdict",
  "sentences",
  "fine",
  "fineAmount",
  "custody",
  "custodyDays",
  "custodySuspended",
  "conditionalDischarge",
  "conditionalDischargeMonths",
  "absoluteDischarge",
  "parentingOrder",
  "parentingOrderMonths",
  "communityOrder",
  "communityOrderMonths",
  "costs",
  "victimSurcharge",
] as const;

const optionalNumber = (label: string) =>
  z.preprocess(
    (v) => (v === "" || v === undefined || v === null ? undefined : typeof v === "string" ? Number(v.trim()) : v),
    z
      .number({ error: `${label} must be a whole number` })
      .int(`${label} must be a whole number`)
      .optional(),
  );

const outcomeFormObject = z.object({
  referralId: id("the referral"),
  offence,
  hearingId: id("the hearing that decided the outcome"),
  decidedOn: dateField("the date of the outcome"),
  plea: z.enum(PLEAS, { error: "Select the plea" }),
  verdict: z.enum(VERDICTS, { error: "Select the verdict" }),
  fine: checkbox,
  fineAmount: z.preprocess((v) => v ?? "", z.string()),
  custody: checkbox,
  custodyDays: optionalNumber("Custody days"),
  custodySuspended: checkbox,
  conditionalDischarge: checkbox,
  conditionalDischargeMonths: optionalNumber("The conditional discharge length"),
  absoluteDischarge: checkbox,
  parentingOrder: checkbox,
  parentingOrderMonths: optionalNumber("The parenting order length"),
  communityOrder: checkbox,
  communityOrderMonths: optionalNumber("The community order length"),
  costs: z.preprocess((v) => v ?? "", z.string()),
  victimSurcharge: z.preprocess((v) => v ?? "", z.string()),
});

function toOutcome(form: z.output<typeof outcomeFormObject>, ctx: z.RefinementCtx) {
  const pounds = (text: string, field: string, label: string, blankIsZero: boolean): number => {
    if (blankIsZero && text.trim() === "") return 0;
    const parsed = parsePounds(text, label);
    if (!parsed.ok) ctx.addIssue({ code: "custom", path: [field], message: parsed.message });
    return parsed.ok ? parsed.pence : 0;
  };
  const need = (value: number | undefined, field: string, message: string): number => {
    if (value === undefined) ctx.addIssue({ code: "custom", path: [field], message });
    return value ?? 0;
  };
  const sentences: Sentence[] = [];
  if (form.fine)
    sentences.push({ type: "fine", amountPence: pounds(form.fineAmount, "fineAmount", "the fine", false) });
  if (form.custody) {
    sentences.push({
      type: "custody",
      days: need(form.custodyDays, "custodyDays", "Enter the custody length in days"),
      suspended: form.custodySuspended,
    });
  }
  if (form.conditionalDischarge) {
    sentences.push({
      type: "conditional_discharge",
      months: need(
        form.conditionalDischargeMonths,
        "conditionalDischargeMonths",
        "Enter the length of the conditional discharge in months",
      ),
    });
  }
  if (form.absoluteDischarge) sentences.push({ type: "absolute_discharge" });
  if (form.parentingOrder) {
    sentences.push({
      type: "parenting_order",
      months: need(
        form.parentingOrderMonths,
        "parentingOrderMonths",
        "Enter the length of the parenting order in months",
      ),
    });
  }
  if (form.communityOrder) {
    sentences.push({
      type: "community_order",
      months: need(
        form.communityOrderMonths,
        "communityOrderMonths",
        "Enter the length of the community order in months",
      ),
    });
  }
  const outcome: Outcome = {
    plea: form.plea,
    verdict: form.verdict,
    sentences,
    costsPence: pounds(form.costs, "costs", "costs", true),
    victimSurchargePence: pounds(form.victimSurcharge, "victimSurcharge", "the victim surcharge", true),
  };
  const already = new Set(ctx.issues.map((i) => String(i.path?.[0])));
  for (const problem of validateOutcome(form.offence, outcome)) {
    const field = outcomeFormField(outcome, problem.field);
    if (!already.has(field)) ctx.addIssue({ code: "custom", path: toPath(field), message: problem.message });
  }
  return {
    referralId: form.referralId,
    outcome: { ...outcome, hearingId: form.hearingId, decidedOn: form.decidedOn },
  };
}

export const outcomeFormSchema = withDateInputs(["decidedOn"], outcomeFormObject.transform(toOutcome));

/** Correcting a recorded outcome: the same form, with the reason for the correction (kept in the audit log with
 * the original). */
export const correctOutcomeFormSchema = withDateInputs(
  ["decidedOn"],
  outcomeFormObject
    .extend({ reason: requiredText("the reason for the correction", 2000) })
    .transform((form, ctx) => ({ ...toOutcome(form, ctx), reason: form.reason })),
);
export type CorrectOutcomeFormInput = z.input<typeof correctOutcomeFormSchema>;

export type OutcomeFormInput = z.input<typeof outcomeFormSchema>;

const FORM_FIELD_BY_TYPE: Record<Sentence["type"], { box: string; value: string }> = {
  fine: { box: "fine", value: "fineAmount" },
  custody: { box: "custody", value: "custodyDays" },
  conditional_discharge: { box: "conditionalDischarge", value: "conditionalDischargeMonths" },
  absolute_discharge: { box: "absoluteDischarge", value: "absoluteDischarge" },
  parenting_order: { box: "parentingOrder", value: "parentingOrderMonths" },
  community_order: { box: "communityOrder", value: "communityOrderMonths" },
};

/** Where a validateOutcome problem (`sentences.1.days`, `costsPence`) belongs on the outcome form. */
export function outcomeFormField(outcome: Outcome, field: string): string {
  const m = /^sentences\.(\d+)\.(\w+)$/.exec(field);
  if (m) {
    const sentence = outcome.sentences[Number(m[1])];
    if (!sentence) return "sentences";
    const names = FORM_FIELD_BY_TYPE[sentence.type];
    return m[2] === "type" ? names.box : names.value;
  }
  if (field === "costsPence") return "costs";
  if (field === "victimSurchargePence") return "victimSurcharge";
  return field;
}

/** The offence type, re-exported for forms that only need the union. */
export type { Offence };
