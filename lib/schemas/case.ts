// Inputs for flags, triage and casework, shared by the forms, the server actions and the API. The server
// functions in lib/server/cases and lib/server/flags parse their input with these too, so a caller that skips
// the form still meets every rule here; rules that need the database (scope, state, version) stay on the server.
import { z } from "zod";
import { CLOSE_OUTCOMES } from "@/lib/domain/case-state";
import { validateTarget } from "@/lib/domain/case-target";
import { isIsoDate } from "@/lib/domain/dates";
import { validateReferralSettings } from "@/lib/domain/referral-grounds";
import { INTERVIEW_OUTCOMES } from "@/lib/domain/referral-readiness";
import { canStartWindow, validateWindowSettings, WINDOW_MILESTONE_KEYS } from "@/lib/domain/fast-track-window";
import { CONTACT_OUTCOMES, contactRecordProblems, isContactKind } from "@/lib/domain/contact-records";
import { parseTimeOfDay } from "@/lib/domain/time-of-day";
import { requiredText } from "./common";
import { dateField, optionalDateField, withDateInputs } from "./date-input";

/** Work an officer records on the timeline. */
export const RECORDABLE_EVENT_KINDS = [
  "meeting",
  "home_visit",
  "phone_call",
  "letter",
  "note",
  "attendance_contract",
  "review",
  // Issue 10: support offered to the family, and an interview under caution with named parents and its outcome.
  "support_offered",
  "interview_under_caution",
] as const;
export type RecordableEventKind = (typeof RECORDABLE_EVENT_KINDS)[number];

/** Every kind on a case timeline: recorded work, then the changes the service records itself. Mirrors the
 * case_event.kind CHECK in prisma/migrations/20261128030000_casework. */
export const CASE_EVENT_KINDS = [
  ...RECORDABLE_EVENT_KINDS,
  "opened",
  "flag_merged",
  "window_started",
  "reassigned",
  "closed",
  "reopened",
  // Enforcement (prisma/migrations/20261128050000_referrals).
  "decision_improved",
  "decision_referred",
  "decision_not_referred",
  "referral_approved",
  "referral_rejected",
  "hearing",
  "court_outcome",
  "penalty_notice_issued",
  "penalty_notice_paid",
  "penalty_notice_withdrawn",
  "penalty_notice_referred",
  // Truancy sweeps (prisma/migrations/20261206130000_truancy_sweeps).
  "truancy_sweep",
  // Education Supervision Orders (prisma/migrations/20261206130100_education_supervision_orders).
  "eso_made",
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

export const CASE_EVENT_KIND_LABELS: Record<CaseEventKind, string> = {
  meeting: "Meeting",
  home_visit: "Home visit",
  phone_call: "Phone call",
  letter: "Letter",
  note: "Note",
  attendance_contract: "Attendance contract",
  review: "Review",
  support_offered: "Support offered",
  interview_under_caution: "Interview under caution",
  opened: "Case opened",
  flag_merged: "School flag added",
  window_started: "Fast Track window started",
  reassigned: "Reassigned",
  closed: "Case closed",
  reopened: "Case reopened",
  decision_improved: "Window decided: attendance improved",
  decision_referred: "Window decided: referred for prosecution",
  decision_not_referred: "Window decided: not referred",
  referral_approved: "Prosecution approved",
  referral_rejected: "Prosecution referral rejected",
  hearing: "Court hearing",
  court_outcome: "Court outcome",
  penalty_notice_issued: "Penalty notice issued",
  penalty_notice_paid: "Penalty notice paid",
  penalty_notice_withdrawn: "Penalty notice withdrawn",
  penalty_notice_referred: "Penalty notice unpaid: referred for prosecution",
  truancy_sweep: "Stopped in a truancy sweep",
  eso_made: "Education Supervision Order made",
};

export const FLAG_STATUSES = ["new", "accepted", "declined", "merged"] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];

export const FLAG_STATUS_LABELS: Record<FlagStatus, string> = {
  new: "Waiting for the attendance service",
  accepted: "Accepted: a case is open",
  declined: "Declined",
  merged: "Added to an open case",
};

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const blankToNull = (v: unknown) => (v === "" || v === undefined ? null : v);

const id = (label: string) =>
  z
    .string({ error: `Select ${label}` })
    .trim()
    .regex(/^[0-9a-f-]{36}$/i, `Select ${label}`);

/** A date as people type it (the GOV.UK date input's three boxes, "6/12/2026", or an ISO date from the API). */
const isoDate = (label: string) => dateField(label);

const optionalDate = (label: string) => optionalDateField(label);

const checkbox = z.preprocess((v) => v === true || v === "true" || v === "on" || v === "1", z.boolean());

const optionalText = (label: string, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.string().trim().max(max, `${label} must be ${max} characters or fewer`).optional(),
  );

/** The version of the case the form was built from (optimistic locking). */
const version = z.coerce
  .number({ error: "Reload the page and try again" })
  .int()
  .min(1, "Reload the page and try again");

export const flagPupilSchema = z.object({
  pupilId: id("the pupil"),
  reason: requiredText("why the school is flagging this pupil", 2000),
  triedMeeting: checkbox,
  triedAttendanceContract: checkbox,
  triedEarlyHelp: checkbox,
  triedOther: optionalText("What else the school has tried", 2000),
  /** The pupil has an open case: the school sends this to the case officer (added to the case) instead. */
  addToOpenCase: checkbox,
});
export type FlagPupilInput = Omit<z.input<typeof flagPupilSchema>, "addToOpenCase"> & { addToOpenCase?: unknown };

/** What a school adds to a flag still waiting for the attendance service. */
export const addToFlagSchema = z.object({
  flagId: id("the flag"),
  note: requiredText("what you want to add to the flag", 2000),
});
export type AddToFlagInput = z.input<typeof addToFlagSchema>;

export const findFlagsSchema = z.object({
  status: z.preprocess(blankToUndefined, z.enum(FLAG_STATUSES, { error: "Select a flag status" }).optional()),
  /** Officers and managers: only this school's flags (the triage queue's filter). */
  schoolId: z.preprocess(blankToUndefined, id("a school").optional()),
});
export type FindFlagsInput = z.input<typeof findFlagsSchema>;

export const acceptFlagSchema = withDateInputs(
  ["openedOn"],
  z.object({
    flagId: id("the flag"),
    /** Defaults to the officer accepting; a manager must choose. */
    assignedOfficerId: z.preprocess(blankToUndefined, id("the officer to assign").optional()),
    /** Defaults to today; an earlier date back-dates the case, which the timeline records. */
    openedOn: optionalDate("the date the case opened"),
  }),
);
export type AcceptFlagInput = z.input<typeof acceptFlagSchema>;

export const declineFlagSchema = z.object({
  flagId: id("the flag"),
  reason: requiredText("the reason for declining the flag (the school will see it)", 2000),
});
export type DeclineFlagInput = z.input<typeof declineFlagSchema>;

export const mergeFlagSchema = z.object({ flagId: id("the flag") });
export type MergeFlagInput = z.input<typeof mergeFlagSchema>;

/** Checkbox groups arrive as an array, one string or a comma-joined string (server actions); absent is none. */
const eventParentIds = z.preprocess(
  (v) =>
    v === undefined || v === null || v === false || v === ""
      ? []
      : typeof v === "string"
        ? v
            .split(",")
            .map((s) => s.trim())
            .filter((s) => s !== "")
        : v,
  z.array(id("a parent or carer")),
);

const parentIds = z.preprocess(
  // A lone checkbox left unticked comes from the browser form as `false`: no parents chosen.
  (v) => (typeof v === "string" ? (v === "" ? [] : [v]) : v === false ? [] : v),
  z.array(id("a parent or carer")).optional(),
);

export const openCaseSchema = withDateInputs(
  ["openedOn"],
  z.object({
    pupilId: id("the pupil"),
    /** Defaults to today; an earlier date back-dates the case, which the timeline records. */
    openedOn: optionalDate("the date the case opened"),
    assignedOfficerId: z.preprocess(blankToUndefined, id("the officer to assign").optional()),
    /** The parents/carers the case concerns; by default those with parental responsibility. */
    parentIds,
    note: optionalText("The note", 5000),
  }),
);
export type OpenCaseInput = z.input<typeof openCaseSchema>;

const caseRef = { caseId: id("the case"), version };

export const startWindowSchema = withDateInputs(
  ["startDate"],
  z
    .object({
      ...caseRef,
      startDate: isoDate("the date of the parents' meeting or warning letter"),
      minAttendancePct: z.preprocess(
        blankToNull,
        z.coerce.number({ error: "Minimum attendance must be a number" }).nullable(),
      ),
      maxUnauthorisedSessions: z.preprocess(
        blankToNull,
        z.coerce.number({ error: "Maximum unauthorised sessions must be a number" }).nullable(),
      ),
      /**
       * Context the page gives the form (hidden fields): the case's opening date and the service's today, so the form
       * can say "not before the case opened, not in the future" before submitting. The server never trusts them: it
       * checks the same rule (canStartWindow) with the case as stored and its own clock.
       */
      caseOpenedOn: z.preprocess(blankToUndefined, z.string().optional()),
      today: z.preprocess(blankToUndefined, z.string().optional()),
    })
    .superRefine((v, ctx) => {
      // The target rule is the domain's (validateTarget), checked here so the form says it before the server does.
      for (const problem of validateTarget(v))
        ctx.addIssue({ code: "custom", path: [problem.field], message: problem.message });
      if (v.caseOpenedOn && v.today && isIsoDate(v.caseOpenedOn) && isIsoDate(v.today) && isIsoDate(v.startDate)) {
        const check = canStartWindow({
          caseOpenedOn: v.caseOpenedOn,
          startDate: v.startDate,
          windowAlreadyStarted: false,
          today: v.today,
        });
        if (!check.ok) ctx.addIssue({ code: "custom", path: ["startDate"], message: check.message });
      }
    }),
);
export type StartWindowInput = z.input<typeof startWindowSchema>;

/** A contact's time as typed ("4pm", "16:30"), stored as "HH:MM"; blank is none. */
const contactTime = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .transform((v, ctx) => {
      const time = parseTimeOfDay(v);
      if (time === null) {
        ctx.addIssue({ code: "custom", message: "Enter a real time of day, like 4pm, 9:30am or 16:30" });
        return z.NEVER;
      }
      return time;
    })
    .optional(),
);

const addCaseEventObject = z.object({
  ...caseRef,
  kind: z.enum(RECORDABLE_EVENT_KINDS, {
    error:
      "Select what happened: a meeting, home visit, phone call, letter, note, attendance contract, review, " +
      "support offered or interview under caution",
  }),
  occurredOn: dateField("the date it happened"),
  note: z.preprocess((v) => v ?? "", z.string().trim().max(5000, "The note must be 5000 characters or fewer")),
  /** The parents the work concerns (parties to the case); an interview under caution names at least one; for a
   * visit, meeting or call, the parents seen or spoken to. */
  parentIds: eventParentIds.optional(),
  /** An interview under caution's outcome: held, refused, or invited with no response. */
  outcome: z.preprocess(
    blankToUndefined,
    z.enum(INTERVIEW_OUTCOMES, { error: "Select held, refused or invited with no response" }).optional(),
  ),
  /** A visit, meeting or call recorded in full (lib/domain/contact-records.ts): its time, what came of it, whether
   * the child was seen, anyone else seen, and the next step. */
  contactTime,
  contactOutcome: z.preprocess(
    blankToUndefined,
    z.enum(CONTACT_OUTCOMES, { error: "Select what came of it" }).optional(),
  ),
  childSeen: z.preprocess(
    (v) => (v === "yes" || v === true ? true : v === "no" || v === false ? false : undefined),
    z.boolean().optional(),
  ),
  othersSeen: optionalText("Who else was seen", 500),
  nextStep: optionalText("The next step", 1000),
  /** The booked visit, meeting or call this entry records ("Mark as done" on My day): the task is marked done by
   * this entry, in the same step. With the version of the task the form was built from. */
  taskId: z.preprocess(blankToUndefined, id("the booked task").optional()),
  taskVersion: z.preprocess(blankToUndefined, version.optional()),
});

/** The rules of an entry: an interview's outcome and parents; a contact record whole and consistent. `full` asks
 * every visit, meeting and call for its contact record (the timeline form); otherwise (the API, a completed task) a
 * contact record is optional, but checked whole once any part of it is given. */
function addCaseEventRules(full: boolean) {
  return (v: z.output<typeof addCaseEventObject>, ctx: z.RefinementCtx) => {
    if (v.kind === "note" && v.note === "") ctx.addIssue({ code: "custom", path: ["note"], message: "Enter the note" });
    if (v.taskId !== undefined && v.taskVersion === undefined)
      ctx.addIssue({ code: "custom", path: ["taskVersion"], message: "Reload the page and try again" });
    if (v.kind === "interview_under_caution") {
      if (!v.outcome)
        ctx.addIssue({
          code: "custom",
          path: ["outcome"],
          message: "Select the outcome of the interview under caution: held, refused, or invited with no response",
        });
      if (!v.parentIds?.length)
        ctx.addIssue({
          code: "custom",
          path: ["parentIds"],
          message: "Select the parent or carer the interview under caution was with",
        });
    } else if (v.outcome) {
      ctx.addIssue({
        code: "custom",
        path: ["outcome"],
        message: "An outcome is recorded only for an interview under caution",
      });
    }
    const given =
      v.contactTime !== undefined ||
      v.contactOutcome !== undefined ||
      v.childSeen !== undefined ||
      v.othersSeen !== undefined ||
      v.nextStep !== undefined;
    if (!isContactKind(v.kind)) {
      if (given)
        ctx.addIssue({
          code: "custom",
          path: ["contactOutcome"],
          message:
            "A contact record (time, outcome, who was seen, next step) is for a home visit, meeting or phone call",
        });
      return;
    }
    if (!full && !given) return;
    for (const problem of contactRecordProblems({
      kind: v.kind,
      time: v.contactTime ?? null,
      outcome: v.contactOutcome ?? null,
      childSeen: v.childSeen ?? null,
      parentsSeen: v.parentIds?.length ?? 0,
      othersSeen: v.othersSeen ?? "",
      nextStep: v.nextStep ?? "",
    }))
      ctx.addIssue({ code: "custom", path: [problem.field], message: problem.message });
  };
}

export const addCaseEventSchema = withDateInputs(
  ["occurredOn"],
  addCaseEventObject.superRefine(addCaseEventRules(false)),
);
/** The timeline form's schema (in the browser and in its server action): a visit, meeting or call in full. */
export const recordWorkSchema = withDateInputs(["occurredOn"], addCaseEventObject.superRefine(addCaseEventRules(true)));
export type AddCaseEventInput = z.input<typeof addCaseEventSchema>;

export const reassignCaseSchema = z.object({
  ...caseRef,
  officerId: id("the officer to assign"),
  reason: optionalText("The reason", 2000),
});
export type ReassignCaseInput = z.input<typeof reassignCaseSchema>;

export const closeCaseSchema = z.object({
  ...caseRef,
  outcome: z.enum(CLOSE_OUTCOMES, { error: "Choose the outcome of the case" }),
  reason: requiredText("the reason for closing the case", 2000),
});
export type CloseCaseInput = z.input<typeof closeCaseSchema>;

export const reopenCaseSchema = z.object({
  ...caseRef,
  reason: requiredText("the reason for reopening the case", 2000),
});
export type ReopenCaseInput = z.input<typeof reopenCaseSchema>;

/** An authority's Fast Track window settings; every rule is validateWindowSettings', reported per field. */
export const windowSettingsSchema = z
  .object({
    lengthWeeks: z.coerce.number({ error: "Window length must be a number of school weeks" }),
    milestones: z.array(
      z.object({
        key: z.enum(WINDOW_MILESTONE_KEYS, { error: "Select the kind of milestone" }),
        label: z.string().trim(),
        week: z.coerce.number({ error: "Milestone week must be a number" }),
      }),
    ),
  })
  .superRefine((settings, ctx) => {
    for (const problem of validateWindowSettings(settings)) {
      ctx.addIssue({
        code: "custom",
        path: problem.field.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
        message: problem.message,
      });
    }
  });
export type WindowSettingsInput = z.input<typeof windowSettingsSchema>;

/** An authority's referral rules (Case settings); validateReferralSettings holds the range (the database too). */
export const referralSettingsSchema = z
  .object({
    referralMinimum: z.preprocess(
      (v) => (typeof v === "string" && v.trim() !== "" ? Number(v.trim()) : v),
      z.number({
        error: "Enter the referral minimum as a whole number of unauthorised sessions from 1 to 380",
      }),
    ),
    interviewUnderCautionRequired: checkbox,
  })
  .superRefine((settings, ctx) => {
    for (const problem of validateReferralSettings(settings))
      ctx.addIssue({ code: "custom", path: [problem.field], message: problem.message });
  });
export type ReferralSettingsInput = z.input<typeof referralSettingsSchema>;
