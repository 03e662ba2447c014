// What the daily job may refer when a Fast Track window misses its target (issue 10, shared/domain.md §3.1, §6.4,
// §10.8, §10.9, §10.11). A parent is referred for prosecution under s.444 only when all of these hold on the frozen
// evidence:
// - the days relied on are days the pupil was of compulsory school age (s.8); days outside it are not relied on;
// - the pupil was a registered pupil on those days (an enrolment covers the date); other days are not relied on;
// - the period relied on has at least the authority's referral minimum of unauthorised sessions (every code in the
//   unauthorised category: G, N, O, U). Authorised absence is absence with leave or for a statutory reason, which
//   is not a failure to attend (s.444(3)), so it never counts;
// - the person is a parent in law (s.576): a natural parent, anyone with parental responsibility, or anyone who
//   has care of the child (we read "lives with the pupil" as having care).
// Unauthorised absence is necessary, not sufficient: the statutory defences are still the manager's to consider
// (referral-readiness.ts).
import { categoryOf, type Category } from "./attendance-codes";
import { clipToCompulsorySchoolAge, compulsorySchoolAge, type CompulsorySchoolAge } from "./compulsory-school-age";
import { formatUkDate } from "./dates";
import type { FieldProblem } from "./problems";
import { RELATIONSHIP_LABELS, type Relationship } from "./relationships";

export const REFERRAL_REASON_CODES = [
  "no_unauthorised_absence",
  "below_referral_minimum",
  "not_compulsory_school_age",
  "not_registered",
  "not_a_parent",
] as const;
export type ReferralReasonCode = (typeof REFERRAL_REASON_CODES)[number];

/** Why a window (or, with parentId, one parent) was not referred, in plain words. */
export type ReferralReason = { code: ReferralReasonCode; message: string; parentId?: string };

/**
 * The authority's referral rules (Case settings). The referral minimum is LOCAL POLICY, not law: there is no
 * statutory minimum of unauthorised sessions before a prosecution (Isle of Wight v Platt [2017] UKSC 28). The
 * default of 10 borrows the national threshold at which a penalty notice must be considered (10 unauthorised
 * sessions in 10 school weeks). It is never below 1: without unauthorised absence there is no offence.
 */
export type ReferralSettings = {
  referralMinimum: number;
  /** Whether approval needs an interview under caution (held, refused or no response) for the parent. No statute
   * requires one (PACE Code C governs questioning when it happens), so an authority may switch it off. */
  interviewUnderCautionRequired: boolean;
};

export const DEFAULT_REFERRAL_SETTINGS: Readonly<ReferralSettings> = Object.freeze({
  referralMinimum: 10,
  interviewUnderCautionRequired: true,
});
export const REFERRAL_MINIMUM_LIMITS = { min: 1, max: 380 } as const;

export function validateReferralSettings(settings: ReferralSettings): FieldProblem[] {
  const n = settings.referralMinimum;
  const { min, max } = REFERRAL_MINIMUM_LIMITS;
  if (!Number.isInteger(n) || n < min || n > max) {
    return [
      {
        field: "referralMinimum",
        message: `The referral minimum must be a whole number of unauthorised sessions from ${min} to ${max}`,
      },
    ];
  }
  return [];
}

/** How a person is linked to the pupil (pupil_parent). */
export type ParentLink = {
  parentId: string;
  name: string;
  relationship: Relationship | string;
  parentalResponsibility: boolean;
  livesWithPupil: boolean;
};

/** s.576: a natural parent, anyone with parental responsibility, or anyone who has care of the child. */
export function isParentInLaw(link: Pick<ParentLink, "relationship" | "parentalResponsibility" | "livesWithPupil">) {
  return (
    link.relationship === "mother" ||
    link.relationship === "father" ||
    link.parentalResponsibility ||
    link.livesWithPupil
  );
}

export function notAParentReason(parentId: string, link: ParentLink | null): ReferralReason {
  if (!link) {
    return {
      code: "not_a_parent",
      parentId,
      message: "This person is not recorded as a parent or carer of the pupil, so is not a parent under section 576",
    };
  }
  const label = RELATIONSHIP_LABELS[link.relationship as Relationship] ?? link.relationship;
  return {
    code: "not_a_parent",
    parentId,
    message:
      `${link.name} (${label.toLowerCase()}) has no parental responsibility and does not live with the pupil, ` +
      "so is not a parent under section 576 and is not referred",
  };
}

export type GroundsMark = { date: string; session: "AM" | "PM"; code: string };
export type Registration = { schoolId: string; start: string; end: string | null };

export type GroundsInput = {
  window: { start: string; end: string };
  dateOfBirth: string;
  /** The pupil's enrolments (any school of the authority). */
  enrolments: readonly Registration[];
  /** The frozen extract of the window. */
  marks: readonly GroundsMark[];
  referralMinimum: number;
  /** The parties on the case, with their link to the pupil (null when there is none). */
  parties: readonly { parentId: string; link: ParentLink | null }[];
};

export type ReferralGrounds = {
  refer: boolean;
  referralMinimum: number;
  compulsorySchoolAge: CompulsorySchoolAge;
  /** The period relied on: the window inside compulsory school age; null when none of it is. */
  reliedOn: { from: string; to: string } | null;
  /** Sessions relied on (inside the period, on days the pupil was registered) by category. */
  reliedOnSessions: { possible: number; authorised: number; unauthorised: number };
  /** The unauthorised sessions the charge relies on, in date order. */
  unauthorisedMarks: GroundsMark[];
  /** The schools whose registers are relied on (the enrolments covering those days). */
  schoolIds: string[];
  /** Why parts of the window are not relied on (plain sentences), even when the window is referred. */
  notReliedOn: string[];
  /** Why the window is not referred (empty when it is), then one not_a_parent reason per party who is not one. */
  reasons: ReferralReason[];
  /** The parties to refer. */
  parentIds: string[];
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function registeredOn(enrolments: readonly Registration[], date: string): Registration | undefined {
  return enrolments.find((e) => e.start <= date && (e.end === null || e.end >= date));
}

/** The grounds for referring a window that missed its target (see the file comment). Pure; no I/O. */
export function evaluateReferralGrounds(input: GroundsInput): ReferralGrounds {
  const age = compulsorySchoolAge(input.dateOfBirth);
  const clipped = clipToCompulsorySchoolAge(input.dateOfBirth, { from: input.window.start, to: input.window.end });
  const reliedOn = clipped.period;
  const category = (m: GroundsMark): Category | undefined => categoryOf(m.code, m.date);

  const inAge: GroundsMark[] = [];
  let unauthorisedOutsideAge = 0;
  for (const m of input.marks) {
    if (reliedOn && m.date >= reliedOn.from && m.date <= reliedOn.to) inAge.push(m);
    else if (category(m) === "unauthorised") unauthorisedOutsideAge++;
  }
  const relied: GroundsMark[] = [];
  const schoolIds = new Set<string>();
  const unregisteredDays = new Set<string>();
  let unauthorisedUnregistered = 0;
  for (const m of inAge) {
    const enrolment = registeredOn(input.enrolments, m.date);
    if (enrolment) {
      relied.push(m);
      schoolIds.add(enrolment.schoolId);
    } else {
      unregisteredDays.add(m.date);
      if (category(m) === "unauthorised") unauthorisedUnregistered++;
    }
  }
  const count = (c: Category) => relied.filter((m) => category(m) === c).length;
  const sessions = {
    possible: relied.filter((m) => category(m) !== undefined && category(m) !== "not_possible").length,
    authorised: count("authorised"),
    unauthorised: count("unauthorised"),
  };

  const notReliedOn: string[] = [];
  for (const note of clipped.excluded) {
    notReliedOn.push(
      unauthorisedOutsideAge > 0
        ? `${note}: the ${plural(unauthorisedOutsideAge, "unauthorised session")} outside it ${unauthorisedOutsideAge === 1 ? "is" : "are"} not relied on`
        : note,
    );
  }
  if (unregisteredDays.size > 0) {
    notReliedOn.push(
      `the pupil was not a registered pupil on ${plural(unregisteredDays.size, "day")} of the window` +
        (unauthorisedUnregistered > 0
          ? `: the ${plural(unauthorisedUnregistered, "unauthorised session")} on ${unregisteredDays.size === 1 ? "it" : "them"} ${unauthorisedUnregistered === 1 ? "is" : "are"} not relied on`
          : ""),
    );
  }

  const reasons: ReferralReason[] = [];
  if (!reliedOn) {
    reasons.push({
      code: "not_compulsory_school_age",
      message:
        `the pupil was not of compulsory school age at any time in the window (from ${formatUkDate(age.from)} ` +
        `to ${formatUkDate(age.to)})`,
    });
  } else if (relied.length === 0) {
    reasons.push({
      code: "not_registered",
      message: "the pupil was not a registered pupil on any day of the window with a register mark",
    });
  } else if (sessions.unauthorised < input.referralMinimum) {
    // The parts left out matter only when they are why the count is short.
    if (clipped.excluded.length > 0 && unauthorisedOutsideAge > 0)
      for (const note of notReliedOn.slice(0, clipped.excluded.length))
        reasons.push({ code: "not_compulsory_school_age", message: note });
    if (unauthorisedUnregistered > 0)
      reasons.push({ code: "not_registered", message: notReliedOn[notReliedOn.length - 1]! });
    const absent = sessions.authorised + sessions.unauthorised;
    if (sessions.unauthorised === 0) {
      reasons.push({
        code: "no_unauthorised_absence",
        message:
          absent === 0
            ? "there was no absence in the period relied on"
            : `all ${plural(absent, "absent session")} ${absent === 1 ? "was" : "were"} authorised: absence with leave is not an offence (section 444(3))`,
      });
    } else {
      reasons.push({
        code: "below_referral_minimum",
        message: `${plural(sessions.unauthorised, "unauthorised session")}; this authority refers from ${input.referralMinimum}`,
      });
    }
  }

  const parentIds: string[] = [];
  const parentReasons: ReferralReason[] = [];
  for (const party of input.parties) {
    if (party.link && isParentInLaw(party.link)) parentIds.push(party.parentId);
    else parentReasons.push(notAParentReason(party.parentId, party.link));
  }
  const refer = reasons.length === 0 && parentIds.length > 0;
  if (reasons.length === 0 && parentIds.length === 0 && parentReasons.length === 0) {
    reasons.push({ code: "not_a_parent", message: "no parent or carer is a party to the case" });
  }
  return {
    refer,
    referralMinimum: input.referralMinimum,
    compulsorySchoolAge: age,
    reliedOn,
    reliedOnSessions: sessions,
    unauthorisedMarks: relied.filter((m) => category(m) === "unauthorised"),
    schoolIds: [...schoolIds].sort(),
    notReliedOn,
    reasons: [...reasons, ...parentReasons],
    parentIds: refer ? parentIds : [],
  };
}

/** "all 6 absent sessions were authorised: …; 3 unauthorised sessions; …", capitalised, for one-line summaries. */
export function describeReasons(reasons: readonly ReferralReason[]): string {
  const text = reasons.map((r) => r.message).join("; ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}
