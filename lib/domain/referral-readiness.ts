// What a prosecution referral must show, for one parent, before a manager may approve it (issue 10 §2; shared/domain.md
// §3.2, §6.4, §10.10, §10.12). Every item the record can prove is computed from the record: letters, timeline
// events, the signed s.566 certificate. Only two items are the manager's own judgement, recorded on approval: the
// Education Supervision Order considered (s.447) with its reasoning, and the statutory defences considered (with a
// pointer wherever the register shows codes that suggest one). Nothing rests on a tick the record could contradict.
import { formatUkDate } from "./dates";
import { DEFENCE_LABELS, DEFENCES, type Defence } from "./referral-checklist";

export const READINESS_ITEMS = [
  "letters",
  "warning",
  "support",
  "interview",
  "certificate",
  "eso",
  "defences",
] as const;
export type ReadinessKey = (typeof READINESS_ITEMS)[number];

export const READINESS_LABELS: Record<ReadinessKey, string> = {
  letters: "Letters to this parent",
  warning: "Warning before the period",
  support: "Support offered",
  interview: "Interview under caution",
  certificate: "Attendance certificate (section 566)",
  eso: "Education Supervision Order considered (section 447)",
  defences: "Statutory defences considered",
};

/** The approval request's field for each item (the API's `checklist.<field>`; the form's field). */
export const READINESS_FIELDS: Record<ReadinessKey, string> = {
  letters: "lettersSent",
  warning: "warningGiven",
  support: "supportOffered",
  interview: "interviewUnderCaution",
  certificate: "attendanceCertificate",
  eso: "esoConsidered",
  defences: "defencesConsidered",
};

export const INTERVIEW_OUTCOMES = ["held", "refused", "no_response"] as const;
export type InterviewOutcome = (typeof INTERVIEW_OUTCOMES)[number];
export const INTERVIEW_OUTCOME_LABELS: Record<InterviewOutcome, string> = {
  held: "Held",
  refused: "Refused",
  no_response: "Invited, no response",
};

/** Timeline kinds that count as support offered to the family. */
export const SUPPORT_EVENT_KINDS = [
  "meeting",
  "home_visit",
  "phone_call",
  "attendance_contract",
  "support_offered",
] as const;
const WARNING_LETTER_KINDS = ["warning", "final_warning"] as const;

const LETTER_LABELS: Record<string, string> = {
  meeting_invitation: "Invitation to a meeting",
  warning: "Warning letter",
  review: "Review letter",
  final_warning: "Final warning",
};
const EVENT_LABELS: Record<string, string> = {
  meeting: "Meeting",
  home_visit: "Home visit",
  phone_call: "Phone call",
  attendance_contract: "Attendance contract",
  support_offered: "Support offered",
  interview_under_caution: "Interview under caution",
};

/** One record an item rests on (the approval stores these ids). */
export type EvidenceRef = { kind: "letter" | "event" | "certificate"; id: string; date: string; label: string };

export type ReadinessItem = {
  key: ReadinessKey;
  met: boolean;
  /** The records it rests on, oldest first (empty for the manager's own items). */
  evidence: EvidenceRef[];
  /** What it rests on, or what is missing, in plain words. */
  message: string;
  /** Pointers from the register (defences only): codes that suggest a defence. */
  notes?: string[];
};

export type ManagerInputs = {
  esoConsidered: boolean;
  esoReasoning: string;
  defencesConsidered: readonly Defence[];
};

export type ReadinessInput = {
  parentId: string;
  /** The window (or, for a penalty notice's referral, its offence period). */
  period: { start: string; end: string };
  letters: readonly { id: string; parentId: string; kind: string; sentOn: string }[];
  events: readonly {
    id: string;
    kind: string;
    occurredOn: string;
    parentIds: readonly string[];
    outcome: string | null;
  }[];
  /** The schools whose registers the referral relies on; each needs a signed certificate. */
  schools: readonly { id: string; name: string }[];
  certificates: readonly { id: string; schoolId: string; signedOn: string; signedBy: string }[];
  /** Case settings: an authority may switch the interview item off (no statute requires one). */
  interviewRequired: boolean;
  /** The codes of the sessions in the evidence, for the defence pointers. */
  registerCodes: readonly string[];
  /** The manager's own items, once given (on approval); null before. */
  manager: ManagerInputs | null;
};

/** Codes on the register that point to a statutory defence (shared/domain.md §2 and §10.8). */
export const DEFENCE_POINTERS: Record<Defence, { codes: readonly string[]; what: string }> = {
  leave: { codes: ["C", "C1", "C2", "H", "F", "J1", "S"], what: "leave of absence" },
  sickness: { codes: ["I", "M"], what: "illness or medical appointments" },
  religious_observance: { codes: ["R"], what: "religious observance" },
  transport: { codes: ["Y1", "Q"], what: "transport not provided or no access arrangements" },
  traveller: { codes: ["T"], what: "travelling for a parent's trade" },
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const listed = (refs: readonly EvidenceRef[]) => refs.map((r) => `${r.label} (${formatUkDate(r.date)})`).join(", ");
const byDate = <T extends { date: string }>(a: T, b: T) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

/** Each item for one parent, computed from the record (see the file comment). Pure; no I/O. */
export function evaluateReadiness(input: ReadinessInput): { ready: boolean; items: ReadinessItem[] } {
  const letters: EvidenceRef[] = input.letters
    .filter((l) => l.parentId === input.parentId)
    .map((l) => ({ kind: "letter" as const, id: l.id, date: l.sentOn, label: LETTER_LABELS[l.kind] ?? l.kind }))
    .sort(byDate);
  const warnings: EvidenceRef[] = input.letters
    .filter(
      (l) =>
        l.parentId === input.parentId &&
        (WARNING_LETTER_KINDS as readonly string[]).includes(l.kind) &&
        l.sentOn <= input.period.start,
    )
    .map((l) => ({ kind: "letter" as const, id: l.id, date: l.sentOn, label: LETTER_LABELS[l.kind] ?? l.kind }))
    .sort(byDate);
  const support: EvidenceRef[] = input.events
    .filter((e) => (SUPPORT_EVENT_KINDS as readonly string[]).includes(e.kind) && e.occurredOn <= input.period.end)
    .map((e) => ({ kind: "event" as const, id: e.id, date: e.occurredOn, label: EVENT_LABELS[e.kind] ?? e.kind }))
    .sort(byDate);
  const interviews: EvidenceRef[] = input.events
    .filter(
      (e) =>
        e.kind === "interview_under_caution" &&
        e.parentIds.includes(input.parentId) &&
        (INTERVIEW_OUTCOMES as readonly string[]).includes(e.outcome ?? ""),
    )
    .map((e) => ({
      kind: "event" as const,
      id: e.id,
      date: e.occurredOn,
      label: `Interview under caution: ${INTERVIEW_OUTCOME_LABELS[e.outcome as InterviewOutcome].toLowerCase()}`,
    }))
    .sort(byDate);
  const certificates: EvidenceRef[] = input.certificates
    .filter((c) => input.schools.some((s) => s.id === c.schoolId))
    .map((c) => ({
      kind: "certificate" as const,
      id: c.id,
      date: c.signedOn,
      label: `Certificate signed by ${c.signedBy}${input.schools.length > 1 ? ` for ${input.schools.find((s) => s.id === c.schoolId)!.name}` : ""}`,
    }))
    .sort(byDate);
  const unsigned = input.schools.filter((s) => !input.certificates.some((c) => c.schoolId === s.id));

  const items: ReadinessItem[] = [
    letters.length > 0
      ? {
          key: "letters",
          met: true,
          evidence: letters,
          message: `${plural(letters.length, "letter")}: ${listed(letters)}`,
        }
      : { key: "letters", met: false, evidence: [], message: "No letter to this parent is on the case" },
    warnings.length > 0
      ? { key: "warning", met: true, evidence: warnings, message: listed(warnings) }
      : {
          key: "warning",
          met: false,
          evidence: [],
          message: `No warning or final warning letter to this parent is dated on or before the start of the period (${formatUkDate(input.period.start)})`,
        },
    support.length > 0
      ? { key: "support", met: true, evidence: support, message: listed(support) }
      : {
          key: "support",
          met: false,
          evidence: [],
          message: `No meeting, home visit, phone call, attendance contract or support offered is recorded on the case by the end of the period (${formatUkDate(input.period.end)})`,
        },
    !input.interviewRequired
      ? {
          key: "interview",
          met: true,
          evidence: interviews,
          message:
            interviews.length > 0
              ? listed(interviews)
              : "Not required: this authority has switched the interview under caution off under Case settings",
        }
      : interviews.length > 0
        ? { key: "interview", met: true, evidence: interviews, message: listed(interviews) }
        : {
            key: "interview",
            met: false,
            evidence: [],
            message:
              "No interview under caution with this parent is recorded (held, refused, or invited with no response)",
          },
    input.schools.length > 0 && unsigned.length === 0
      ? { key: "certificate", met: true, evidence: certificates, message: listed(certificates) }
      : {
          key: "certificate",
          met: false,
          evidence: certificates,
          message:
            input.schools.length === 0
              ? "No school's register is relied on, so no certificate can be signed"
              : `The head teacher's signed attendance certificate for the period (section 566) has not been recorded for ${unsigned.map((s) => s.name).join(" and ")}`,
        },
    esoItem(input.manager),
    defencesItem(input.manager, input.registerCodes),
  ];
  return { ready: items.every((i) => i.met), items };
}

function esoItem(manager: ManagerInputs | null): ReadinessItem {
  if (manager?.esoConsidered && manager.esoReasoning.trim() !== "")
    return { key: "eso", met: true, evidence: [], message: manager.esoReasoning.trim() };
  return {
    key: "eso",
    met: false,
    evidence: [],
    message: manager?.esoConsidered
      ? "Give the reasoning for the decision on an Education Supervision Order"
      : "The manager records whether an Education Supervision Order is sought instead of, or as well as, prosecution (section 447), with the reasoning",
  };
}

function defencesItem(manager: ManagerInputs | null, codes: readonly string[]): ReadinessItem {
  const notes: string[] = [];
  for (const defence of DEFENCES) {
    const pointer = DEFENCE_POINTERS[defence];
    const count = codes.filter((c) => pointer.codes.includes(c)).length;
    if (count > 0) {
      const shown = pointer.codes.filter((c) => codes.includes(c)).join(", ");
      notes.push(
        `The register shows ${plural(count, "session")} coded ${shown} (${pointer.what}): consider ${DEFENCE_LABELS[defence]}`,
      );
    }
  }
  const missing = DEFENCES.filter((d) => !manager?.defencesConsidered.includes(d));
  if (missing.length === 0)
    return { key: "defences", met: true, evidence: [], message: "All five statutory defences considered", notes };
  return {
    key: "defences",
    met: false,
    evidence: [],
    message: `Not yet considered: ${missing.map((d) => DEFENCE_LABELS[d]).join("; ")}`,
    notes,
  };
}
