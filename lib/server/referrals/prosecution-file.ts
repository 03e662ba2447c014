import "server-only";
import { formatUkDate, toIsoDate } from "@/lib/domain/dates";
import { formatPence } from "@/lib/domain/money";
import { can } from "@/lib/domain/permissions";
import { DEFENCE_LABELS, DEFENCES, type EvidenceChecklist } from "@/lib/domain/referral-checklist";
import { OFFENCE_LABELS } from "@/lib/domain/sentencing";
import { CASE_EVENT_KIND_LABELS, type CaseEventKind } from "@/lib/schemas/case";
import { HEARING_TYPE_LABELS } from "@/lib/schemas/referrals";
import type { PdfBlock, PdfDocumentInput } from "../pdf/render-pdf";
import type { Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { NotFoundError, ValidationError } from "../errors";
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
    db.caseLetter.findMany({ where: { caseId, authorityId }, orderBy: [{ sentOn: "asc" }, { createdAt: "asc" }] }),
    db.caseEvent.findMany({
      where: { caseId, kind: "letter" },
      orderBy: [{ occurredOn: "asc" }, { createdAt: "asc" }],
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

const yesNo = (v: boolean) => (v ? "Yes" : "No");

function checklistRows(c: EvidenceChecklist): [string, string][] {
  return [
    ["Signed attendance certificate (s.566)", yesNo(c.attendanceCertificate)],
    ["Letters sent to this parent", yesNo(c.lettersSent)],
    ["Warning given before the period", yesNo(c.warningGiven)],
    ["Support offered", yesNo(c.supportOffered)],
    ["Education Supervision Order considered (s.447)", yesNo(c.esoConsidered)],
    ["Reasoning on an ESO", c.esoReasoning || "None given"],
    [
      "Interview under caution",
      c.interviewUnderCaution === "held" ? "Held" : c.interviewUnderCaution === "refused" ? "Refused" : "Not recorded",
    ],
    ...DEFENCES.map((d): [string, string] => [
      `Defence considered: ${DEFENCE_LABELS[d]}`,
      yesNo(c.defencesConsidered.includes(d)),
    ]),
  ];
}

const pct = (v: number | null) => (v === null ? "Not recorded" : `${v.toFixed(1)}%`);
const count = (v: number | null) => (v === null ? "Not recorded" : String(v));

/**
 * The prosecution file for an approved (or concluded) referral, as renderPdf blocks: case summary, the parent and
 * offence, the chronology from the timeline, the frozen register extract and figures with the evidence hash, the
 * letters, and the checklist. Managers and officers of the authority (referral.read, referralScope); out of scope
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
    db.caseEvent.findMany({ where: { caseId: r.case.id }, orderBy: [{ occurredOn: "asc" }, { createdAt: "asc" }] }),
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
    { kind: "heading", text: "Evidence checklist", level: 2 },
    { kind: "keyValue", rows: checklistRows(r.checklist) },
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
      head: ["Date", "Session", "Code"],
      widths: [0.5, 0.25, 0.25],
      rows: r.evidence.marks.map((m) => [formatUkDate(m.date), m.session, m.code]),
    },
  );

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
