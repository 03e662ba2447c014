// Structured records of contact with a family (issue 15 §3): a home visit, a meeting or a phone call records when it
// happened (date and time), who was seen or spoken to, whether the child was seen, what came of it and the next step,
// so that "no access, card left" on three visits reads as what it is. Pure; held three times: here, the zod schema
// of the timeline form (lib/schemas/case.ts, recordWorkSchema) and the CHECKs of migration
// 20261206150400_contact_records.
import { formatTimeOfDay } from "./time-of-day";

export const CONTACT_KINDS = ["home_visit", "meeting", "phone_call"] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export const isContactKind = (kind: string): kind is ContactKind => (CONTACT_KINDS as readonly string[]).includes(kind);

/** What came of the contact. Stored codes; their words depend on the kind (CONTACT_OUTCOME_LABELS). */
export const CONTACT_OUTCOMES = ["spoke_to_parent", "no_access", "card_left", "refused"] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

/** The outcomes each kind can have: nobody leaves a card at a meeting. */
export const OUTCOMES_BY_KIND: Readonly<Record<ContactKind, readonly ContactOutcome[]>> = {
  home_visit: ["spoke_to_parent", "no_access", "card_left", "refused"],
  meeting: ["spoke_to_parent", "no_access", "refused"],
  phone_call: ["spoke_to_parent", "no_access", "card_left", "refused"],
};

export const CONTACT_OUTCOME_LABELS: Readonly<Record<ContactKind, Partial<Record<ContactOutcome, string>>>> = {
  home_visit: {
    spoke_to_parent: "Spoke to a parent or carer",
    no_access: "No access (no one answered)",
    card_left: "No access, card left",
    refused: "Refused to engage",
  },
  meeting: {
    spoke_to_parent: "Met a parent or carer",
    no_access: "Did not attend",
    refused: "Refused to engage",
  },
  phone_call: {
    spoke_to_parent: "Spoke to a parent or carer",
    no_access: "No answer",
    card_left: "No answer, message left",
    refused: "Refused to engage",
  },
};

/** Whether the child is asked about: a visit or a meeting can see the child; a phone call cannot. */
export const asksChildSeen = (kind: ContactKind) => kind !== "phone_call";

export type ContactRecord = {
  kind: ContactKind;
  /** "HH:MM" (lib/domain/time-of-day.ts). */
  time: string | null;
  outcome: ContactOutcome | null;
  childSeen: boolean | null;
  /** How many of the case's parents or carers were ticked as seen or spoken to. */
  parentsSeen: number;
  /** Anyone else seen or spoken to, in words ("older sister, 17"). */
  othersSeen: string;
  nextStep: string;
};

export type ContactProblem = {
  field: "contactTime" | "contactOutcome" | "childSeen" | "parentIds" | "othersSeen" | "nextStep";
  message: string;
};

const noAccess = (o: ContactOutcome | null) => o === "no_access" || o === "card_left";

/** What is wrong with a contact record, field by field (empty when it holds together). */
export function contactRecordProblems(r: ContactRecord): ContactProblem[] {
  const problems: ContactProblem[] = [];
  const what = r.kind === "home_visit" ? "the visit" : r.kind === "meeting" ? "the meeting" : "the call";
  if (r.time === null) problems.push({ field: "contactTime", message: `Enter the time of ${what}, like 4pm or 16:30` });
  if (r.outcome === null) {
    problems.push({ field: "contactOutcome", message: `Select what came of ${what}` });
  } else if (!OUTCOMES_BY_KIND[r.kind].includes(r.outcome)) {
    problems.push({
      field: "contactOutcome",
      message: `Select what came of ${what}: ${OUTCOMES_BY_KIND[r.kind].map((o) => CONTACT_OUTCOME_LABELS[r.kind][o]!.toLowerCase()).join(", ")}`,
    });
  }
  if (asksChildSeen(r.kind)) {
    if (r.childSeen === null) problems.push({ field: "childSeen", message: "Select whether the child was seen" });
    else if (r.childSeen && noAccess(r.outcome))
      problems.push({
        field: "childSeen",
        message: `The child cannot have been seen when ${r.kind === "meeting" ? "no one attended" : "there was no access"}`,
      });
  } else if (r.childSeen !== null) {
    problems.push({
      field: "childSeen",
      message: "Whether the child was seen is recorded for visits and meetings only",
    });
  }
  const someoneSeen = r.parentsSeen > 0 || r.othersSeen.trim() !== "";
  if (r.outcome === "spoke_to_parent" && r.parentsSeen === 0)
    problems.push({ field: "parentIds", message: "Select the parent or carer you spoke to" });
  if (noAccess(r.outcome) && someoneSeen)
    problems.push({
      field: r.parentsSeen > 0 ? "parentIds" : "othersSeen",
      message:
        r.kind === "phone_call"
          ? "No one can have been spoken to on a call that was not answered"
          : "No one can have been seen when there was no access",
    });
  if (r.othersSeen.length > 500)
    problems.push({ field: "othersSeen", message: "Who else was seen must be 500 characters or fewer" });
  if (r.nextStep.trim() === "") problems.push({ field: "nextStep", message: "Enter the next step" });
  else if (r.nextStep.length > 1000)
    problems.push({ field: "nextStep", message: "The next step must be 1000 characters or fewer" });
  return problems;
}

/** The record in words for the timeline: "At 4:30pm: No access, card left", who was seen, the child, the next step. */
export function describeContact(
  kind: ContactKind,
  c: {
    time: string;
    outcome: string;
    childSeen: boolean | null;
    othersSeen: string | null;
    nextStep: string;
    parentsSeen: readonly string[];
  },
): string[] {
  const outcome = (CONTACT_OUTCOMES as readonly string[]).includes(c.outcome)
    ? CONTACT_OUTCOME_LABELS[kind][c.outcome as ContactOutcome]
    : undefined;
  const lines = [[`At ${formatTimeOfDay(c.time)}`, outcome].filter(Boolean).join(": ")];
  const seen = [...c.parentsSeen, ...(c.othersSeen ? [c.othersSeen] : [])];
  if (seen.length > 0) lines.push(`${kind === "phone_call" ? "Spoke to" : "Seen"}: ${seen.join(", ")}`);
  if (c.childSeen !== null) lines.push(`Child seen: ${c.childSeen ? "yes" : "no"}`);
  lines.push(`Next step: ${c.nextStep}`);
  return lines;
}
