import "server-only";
import { formatUkDate, toIsoDate } from "@/lib/domain/dates";
import { formatPence } from "@/lib/domain/money";
import { can } from "@/lib/domain/permissions";
import { categoryOf } from "@/lib/domain/attendance-codes";
import { DEFENCE_LABELS, DEFENCES, type EvidenceChecklist } from "@/lib/domain/referral-checklist";
import { INTERVIEW_OUTCOME_LABELS, READINESS_LABELS } from "@/lib/domain/referral-readiness";
import { OFFENCE_LABELS } from "@/lib/domain/sentencing";
import { CASE_EVENT_KIND_LABELS, type CaseEventKind } from "@/lib/schemas/case";
import { HEARING_TYPE_LABELS } from "@/lib/schemas/referrals";
import type { PdfBlock, PdfDocumentInput } from "../pdf/render-pdf";
import type { Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { NotFoundError, ValidationError } from "../errors";
import { loadCertificateContext } from "../certificates/certificate-context";
import { certificateBlocks } from "../certificates/certificate-pdf";
import { getCertificate } from "../certificates/get-certificate";
import { getReferral, type ReferralDetail } from "./get-referral";

type Letter = { date: string; to: string; what: string };

const LETTER_KINDS: Record<string, string> = {
  meeting_invitation: "Meeting invitation",
  warning: "Warning",
  review: "Review",
  final_warning: "Final warning",
};

/**
 * The letters sent on the case, to every parent (case_letter, migration 20261128040000_letters), oldest first;
 * letters recorded by hand on the timeline ("letter" entries) are listed too.
 */
async function loadLetters(caseId: string, authorityId: string): Promise<Letter[]> {
  const [letters, events] = await Promise.all([
    db.caseLetter.findMany({
      where: { caseId, authorityId },
      orderBy: [{ sentOn: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    }),
    db.caseEvent.findMany({
      where: { caseId, kind: "letter" },
      orderBy: [{ occurredOn: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    }),
  ]);
  const parents = await db.parent.findMany({
    where: { authorityId, id: { in: letters.map((l) => l.parentId) } },
    select: { id: true, firstName: true, lastName: true },
  });
  const nameOf = (id: string) => {
    const p = parents.find((x) => x.id === id);
    return p ? `${p.firstName} ${p.lastName}` : "";
  };
  return [
    ...letters.map((l) => ({
      date: toIsoDate(l.sentOn),
      to: nameOf(l.parentId),
      what: `${LETTER_KINDS[l.kind] ?? l.kind}: ${l.subject}`,
    })),
    ...events.map((e) => ({
      date: toIsoDate(e.occurredOn),
      to: "",
      what: e.note || "Letter (recorded on the timeline)",
    })),
  ].sort((a, b) => a.date.localeCompare(b.date));
}

/** Each readiness item with what it rests on (the record's ids are stored with the approval). */
function readinessRows(items: ReferralDetail["readiness"]["items"]): string[][] {
  return items.map((i) => [
    READINESS_LABELS[i.key],
    i.met ? "Met" : "Missing",
    [i.message, ...i.evidence.map((e) => `${e.label}, ${formatUkDate(e.date)}`), ...(i.notes ?? [])].join("\n"),
  ]);
}

function managerRows(c: EvidenceChecklist): [string, string][] {
  return [
    ["Reasoning on an Education Supervision Order (s.447)", c.esoReasoning || "None given"],
    [
      "Interview under caution",
      c.interviewUnderCaution ? INTERVIEW_OUTCOME_LABELS[c.interviewUnderCaution] : "Not required by this authority",
    ],
    ...DEFENCES.map((d): [string, string] => [
      `Defence considered: ${DEFENCE_LABELS[d]}`,
      c.defencesConsidered.includes(d) ? "Yes" : "No",
    ]),
  ];
}

const CONTACT_KINDS = new Set([
  "meeting",
  "home_visit",
  "phone_call",
  "attendance_contract",
  "support_offered",
  "interview_under_caution",
  "review",
  "letter",
]);

/**
 * A draft witness statement for the officer (to check, complete and sign with the declaration of section 9 of the
 * Criminal Justice Act 1967): who they are, the chronology of their contacts and letters, and the register facts the
 * charge relies on, unauthorised sessions listed by date apart from the authorised ones.
 */
function witnessStatement(input: {
  officer: string;
  authority: string;
  r: ReferralDetail;
  events: { occurredOn: Date; kind: string; note: string }[];
  letters: Letter[];
}): PdfBlock[] {
  const { r } = input;
  const pupil = `${r.pupil.firstName} ${r.pupil.lastName}`;
  const f = r.evidence.figures;
  const relied = f.reliedOn;
  const unauthorised = r.evidence.marks.filter(
    (m) =>
      categoryOf(m.code, m.date) === "unauthorised" &&
      m.date >= (relied?.from ?? r.periodStart) &&
      m.date <= (relied?.to ?? r.periodEnd),
  );
  const contacts = [
    ...input.events
      .filter((e) => CONTACT_KINDS.has(e.kind) && e.kind !== "letter")
      .map((e) => ({
        date: toIsoDate(e.occurredOn),
        text: `${CASE_EVENT_KIND_LABELS[e.kind as CaseEventKind] ?? e.kind}${e.note ? `: ${e.note}` : ""}`,
      })),
    ...input.letters.map((l) => ({ date: l.date, text: `${l.what}${l.to ? ` (to ${l.to})` : ""}` })),
  ].sort((a, b) => a.date.localeCompare(b.date));
  return [
    { kind: "heading", text: "Draft witness statement", level: 2 },
    {
      kind: "paragraph",
      text:
        "DRAFT for the officer to check, complete and sign. It is drawn from the case record; the officer must " +
        "confirm every fact from their own knowledge and add the declaration under section 9 of the Criminal " +
        "Justice Act 1967 before it is served.",
    },
    {
      kind: "paragraph",
      text:
        `I am ${input.officer || "[name]"}, an education welfare officer employed by ${input.authority}. I make this ` +
        `statement about the school attendance of ${pupil}, born on ${formatUkDate(r.pupil.dateOfBirth)}, and the ` +
        `steps taken with ${r.parent.name}, ${r.parent.relationship ? `the pupil's ${r.parent.relationship.replaceAll("_", " ")}` : "a parent of the pupil"}.`,
    },
    { kind: "paragraph", text: "My contacts with the family and the letters sent, in date order:" },
    contacts.length === 0
      ? { kind: "paragraph", text: "None recorded." }
      : {
          kind: "table",
          head: ["Date", "Contact or letter"],
          widths: [0.2, 0.8],
          rows: contacts.map((c) => [formatUkDate(c.date), c.text]),
        },
    {
      kind: "paragraph",
      text:
        `The attendance register for ${formatUkDate(relied?.from ?? r.periodStart)} to ` +
        `${formatUkDate(relied?.to ?? r.periodEnd)} records ${unauthorised.length} unauthorised ` +
        `session${unauthorised.length === 1 ? "" : "s"} (absence without leave), listed below. ` +
        `${f.authorisedSessions ?? 0} authorised session${f.authorisedSessions === 1 ? " is" : "s are"} recorded in ` +
        "the window; they are absence with leave and are not relied on." +
        (relied && relied.notReliedOn.length > 0 ? ` Not relied on: ${relied.notReliedOn.join("; ")}.` : ""),
    },
    {
      kind: "table",
      head: ["Date", "Session", "Code"],
      widths: [0.5, 0.25, 0.25],
      rows: unauthorised.map((m) => [formatUkDate(m.date), m.session, m.code]),
    },
    {
      kind: "keyValue",
      rows: [
        ["Signed", "______________________"],
        ["Date", "______________________"],
      ],
    },
  ];
}

const pct = (v: number | null) => (v === null ? "Not recorded" : `${v.toFixed(1)}%`);
const count = (v: number | null) => (v === null ? "Not recorded" : String(v));

/**
 * The prosecution file for an approved (or concluded) referral, as renderPdf blocks: case summary, the parent and
 * offence, the chronology from the timeline, the frozen figures (unauthorised sessions apart from the authorised)
 * with the evidence hash, the letters, the readiness items with their evidence, the manager's decision, the frozen
 * register extract, a draft witness statement for the officer, and the s.566 certificate. Managers and officers of the authority (referral.read, referralScope); out of scope
 * is NotFoundError; a referral not approved is refused. Each file produced is audited.
 */
export async function buildProsecutionFile(
  actor: Actor,
  referralId: string,
): Promise<{ doc: PdfDocumentInput; filename: string }> {
  if (!can(actor, "referral.read")) throw new NotFoundError("Referral");
  const r: ReferralDetail = await getReferral(actor, referralId, "file");
  if ((r.status !== "approved" && r.status !== "concluded") || !r.offence || !r.checklist) {
    throw new ValidationError({}, "A prosecution file is only available once the referral is approved");
  }
  const [events, officer] = await Promise.all([
    db.caseEvent.findMany({
      where: { caseId: r.case.id },
      orderBy: [{ occurredOn: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    }),
    db.attendanceCase
      .findUniqueOrThrow({ where: { id: r.case.id }, select: { assignedOfficerId: true } })
      .then((c) => db.appUser.findFirst({ where: { id: c.assignedOfficerId }, select: { name: true } })),
  ]);
  const letters = await loadLetters(r.case.id, actor.authorityId);
  const pupilName = `${r.pupil.firstName} ${r.pupil.lastName}`;
  const f = r.evidence.figures;
  const target = f.target
    ? [
        f.target.minAttendancePct !== null ? `at least ${f.target.minAttendancePct}% attendance` : null,
        f.target.maxUnauthorisedSessions !== null
          ? `at most ${f.target.maxUnauthorisedSessions} unauthorised sessions`
          : null,
      ]
        .filter(Boolean)
        .join(" and ")
    : "Not recorded";

  const blocks: PdfBlock[] = [
    { kind: "heading", text: `Prosecution file: ${pupilName}`, level: 1 },
    {
      kind: "paragraph",
      text: `${OFFENCE_LABELS[r.offence]}. Prepared by ${actor.authorityName} on the evidence frozen when the Fast Track window was decided.`,
    },
    { kind: "heading", text: "Case summary", level: 2 },
    {
      kind: "keyValue",
      rows: [
        ["Pupil", pupilName],
        ["UPN", r.pupil.upn],
        ["Date of birth", formatUkDate(r.pupil.dateOfBirth)],
        ["Case opened", formatUkDate(r.case.openedOn)],
        ["Officer", officer?.name ?? ""],
        ["Period relied on", `${formatUkDate(r.periodStart)} to ${formatUkDate(r.periodEnd)}`],
        ["Approved by", `${r.reviewedBy ?? ""}${r.reviewedAt ? ` on ${formatUkDate(toIsoDate(r.reviewedAt))}` : ""}`],
      ],
    },
    { kind: "heading", text: "Parent and offence", level: 2 },
    {
      kind: "keyValue",
      rows: [
        ["Parent/carer", r.parent.name],
        ["Relationship", r.parent.relationship ?? "Not recorded"],
        ["Address", r.parent.address || "Not recorded"],
        ["Offence", OFFENCE_LABELS[r.offence]],
      ],
    },
    { kind: "heading", text: "Chronology", level: 2 },
    {
      kind: "table",
      head: ["Date", "What happened", "Note"],
      widths: [0.18, 0.32, 0.5],
      rows: events.map((e) => [
        formatUkDate(toIsoDate(e.occurredOn)),
        CASE_EVENT_KIND_LABELS[e.kind as CaseEventKind] ?? e.kind,
        e.note,
      ]),
    },
    { kind: "heading", text: "Attendance figures (frozen evidence)", level: 2 },
    {
      kind: "keyValue",
      rows: [
        ["Possible sessions", count(f.possibleSessions)],
        ["Present sessions", count(f.presentSessions)],
        ["Unauthorised sessions", count(f.unauthorisedSessions)],
        ["Authorised sessions (not relied on)", count(f.authorisedSessions)],
        ...(f.reliedOn
          ? [
              [
                "The charge relies on",
                `${f.reliedOn.unauthorisedSessions} unauthorised sessions, ${formatUkDate(f.reliedOn.from)} to ${formatUkDate(f.reliedOn.to)}`,
              ] as [string, string],
            ]
          : []),
        ["Attendance", pct(f.attendancePct)],
        ["Target", target],
        ["Evidence frozen", formatUkDate(toIsoDate(r.evidence.frozenAt))],
        ["Evidence hash (SHA-256)", r.evidence.contentHash],
      ],
    },
    { kind: "heading", text: "Letters", level: 2 },
    letters.length === 0
      ? { kind: "paragraph", text: "No letters are recorded on the case." }
      : {
          kind: "table",
          head: ["Date", "To", "Letter"],
          widths: [0.2, 0.3, 0.5],
          rows: letters.map((l) => [l.date ? formatUkDate(l.date) : "", l.to, l.what]),
        },
    { kind: "heading", text: `Evidence for ${r.parent.name}`, level: 2 },
    {
      kind: "table",
      head: ["Item", "", "What the record shows"],
      widths: [0.3, 0.12, 0.58],
      rows: readinessRows(r.readiness.items),
    },
    { kind: "heading", text: "The manager's decision", level: 2 },
    { kind: "keyValue", rows: managerRows(r.checklist) },
  ];
  if (r.hearings.length > 0) {
    blocks.push(
      { kind: "heading", text: "Hearings", level: 2 },
      {
        kind: "table",
        head: ["Date", "Court", "Type", "Adjourned"],
        widths: [0.18, 0.4, 0.17, 0.25],
        rows: r.hearings.map((h) => [
          formatUkDate(h.date),
          h.courtName,
          HEARING_TYPE_LABELS[h.type],
          h.adjourned ? `Yes: ${h.adjournmentReason ?? ""}` : "No",
        ]),
      },
    );
  }
  if (r.outcome) {
    blocks.push(
      { kind: "heading", text: "Outcome", level: 2 },
      {
        kind: "keyValue",
        rows: [
          ["Plea", r.outcome.plea],
          ["Verdict", r.outcome.verdict],
          ["Costs", formatPence(r.outcome.costsPence)],
          ["Victim surcharge", formatPence(r.outcome.victimSurchargePence)],
        ],
      },
    );
  }
  blocks.push(
    { kind: "pageBreak" },
    { kind: "heading", text: "Register extract (frozen)", level: 2 },
    {
      kind: "table",
      head: ["Date", "Session", "Code", "Unauthorised"],
      widths: [0.4, 0.2, 0.2, 0.2],
      rows: r.evidence.marks.map((m) => [
        formatUkDate(m.date),
        m.session,
        m.code,
        categoryOf(m.code, m.date) === "unauthorised" ? "Unauthorised" : "",
      ]),
    },
    { kind: "pageBreak" },
    ...witnessStatement({ officer: officer?.name ?? "", authority: actor.authorityName, r, events, letters }),
  );
  // The head teacher's certificate for each school relied on, as it stands (signed or awaiting a signature).
  const context = await loadCertificateContext(r.evidence.id, actor.authorityId);
  for (const school of context?.schools ?? []) {
    const view = await getCertificate(actor, r.evidence.id, { schoolId: school.id, via: "pdf" });
    blocks.push({ kind: "pageBreak" }, ...certificateBlocks(view));
  }

  await audit(actor, {
    action: "referral.prosecution_file",
    entityType: "referral",
    entityId: r.id,
    detail: { caseId: r.case.id },
  });
  return {
    doc: {
      title: `Prosecution file: ${pupilName}`,
      author: actor.authorityName,
      blocks,
      footer: `${actor.authorityName} · OFFICIAL-SENSITIVE · Evidence ${r.evidence.contentHash.slice(0, 12)}`,
    },
    filename: `prosecution-file-${r.pupil.upn}-${r.id.slice(0, 8)}.pdf`,
  };
}
