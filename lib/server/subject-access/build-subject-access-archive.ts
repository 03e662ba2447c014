import "server-only";
import { snapshotMarks } from "../decisions/evidence";
import { strToU8, zipSync } from "fflate";
import { LETTER_KIND_LABELS } from "@/lib/domain/letters";
import { csvRow } from "@/lib/domain/csv";
import { bySentenceType } from "@/lib/domain/sentencing";
import type { Prisma } from "@/lib/generated/prisma/client";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { SUBJECT_RECORDS_SQL } from "../audit-log/subject-records";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { caseReference, letterPdf } from "../letters/letter-pdf";
import { pgPool } from "../pg";

// A subject access request (UK GDPR Art 15; issue 12, ADR 034): everything Fast Track holds about one pupil, or one
// parent or carer, as one zip archive for the manager or auditor who answers the request. Third-party data is
// left out of the main files and put, marked, in for-redaction-review/ for the data protection officer to decide
// on; letters addressed to someone other than the subject are listed there too. Every archive made is audited.

type Files = Record<string, Uint8Array>;
type Withheld = { file: string; what: string; whose: string; value: string };

const iso = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);
const json = (value: unknown) => strToU8(`${JSON.stringify(value, null, 2)}\n`);
const csv = (header: string[], rows: (string | number | null | undefined)[][]) =>
  strToU8([header, ...rows].map((r) => csvRow(r)).join(""));
const slug = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .toLowerCase();
const WITHHELD = "[withheld: third-party data, see for-redaction-review/]";

export type SubjectAccessArchive = { filename: string; bytes: Uint8Array; files: string[]; withheld: number };

/** Everything held about a pupil of the actor's authority (by id or UPN). Managers and auditors; 404 otherwise. */
export async function buildPupilSubjectAccess(
  actor: Actor,
  by: { id: string } | { upn: string },
  via: "page" | "api" = "page",
): Promise<SubjectAccessArchive> {
  authorize(actor, "subject_access.export");
  const key =
    "id" in by ? (/^[0-9a-f-]{36}$/i.test(by.id) ? { id: by.id } : null) : { upn: by.upn.trim().toUpperCase() };
  if (!key) throw new NotFoundError("Pupil");
  const pupil = await db.pupil.findFirst({
    where: { authorityId: actor.authorityId, ...key },
    include: { enrolments: { include: { school: true }, orderBy: [{ startDate: "asc" }, { id: "asc" }] } },
  });
  if (!pupil) throw new NotFoundError("Pupil");

  const withheld: Withheld[] = [];
  const files: Files = {};
  const links = await db.pupilParent.findMany({
    where: { authorityId: actor.authorityId, pupilId: pupil.id },
    include: { parent: true },
    orderBy: [{ parent: { lastName: "asc" } }, { parent: { firstName: "asc" } }, { parentId: "asc" }],
  });
  files["pupil.json"] = json({
    upn: pupil.upn,
    formerUpn: pupil.formerUpn,
    firstName: pupil.firstName,
    middleNames: pupil.middleNames,
    lastName: pupil.lastName,
    dateOfBirth: iso(pupil.dateOfBirth),
    sex: pupil.sex,
    recordCreated: pupil.createdAt,
    enrolments: pupil.enrolments.map((e) => ({
      school: e.school.name,
      schoolUrn: e.school.urn,
      startDate: iso(e.startDate),
      endDate: iso(e.endDate),
      yearGroup: e.yearGroup,
    })),
    // A parent's own contact details are theirs, not the child's: left out here, listed for review.
    parentsAndCarers: links.map((l) => {
      const name = `${l.parent.firstName} ${l.parent.lastName}`;
      withheldContact(withheld, "pupil.json", name, l.parent);
      return {
        name,
        relationship: l.relationship,
        parentalResponsibility: l.parentalResponsibility,
        livesWithPupil: l.livesWithPupil,
        contactDetails: WITHHELD,
      };
    }),
  });

  // The register store keys marks by store keys and code numbers (ADR 050): read through its views, by pupil id.
  const { rows: marks } = await pgPool().query<{
    date: string;
    session: number;
    code: string;
    category: string;
    school_id: string;
  }>(
    `SELECT date::text, session, code, category, school_id FROM register_mark
     WHERE authority_id = $1 AND pupil_id = $2 ORDER BY date, session`,
    [actor.authorityId, pupil.id],
  );
  const schoolNames = new Map(pupil.enrolments.map((e) => [e.schoolId, e.school.name]));
  files["register-marks.csv"] = csv(
    ["date", "session", "code", "category", "school"],
    marks.map((m) => [m.date, m.session === 0 ? "AM" : "PM", m.code, m.category, schoolNames.get(m.school_id)]),
  );
  const { rows: changes } = await pgPool().query<{
    date: string;
    session: number;
    old_code: string;
    new_code: string;
    changed_at: Date;
  }>(
    `SELECT date::text, session, old_code, new_code, changed_at FROM register_mark_change
     WHERE authority_id = $1 AND pupil_id = $2 ORDER BY changed_at, id`,
    [actor.authorityId, pupil.id],
  );
  files["register-mark-changes.csv"] = csv(
    ["date", "session", "old_code", "new_code", "changed_at"],
    changes.map((c) => [c.date, c.session === 0 ? "AM" : "PM", c.old_code, c.new_code, c.changed_at.toISOString()]),
  );

  const cases = await loadCases(actor.authorityId, { pupilId: pupil.id });
  files["cases.json"] = json(cases.cases.map((c) => caseRecord(c, cases, null, withheld)));
  const flags = await db.caseFlag.findMany({
    where: { authorityId: actor.authorityId, pupilId: pupil.id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  files["school-flags.json"] = json(
    flags.map((f) => ({
      raised: f.createdAt,
      status: f.status,
      reason: f.reason,
      schoolTried: {
        meeting: f.triedMeeting,
        attendanceContract: f.triedAttendanceContract,
        earlyHelp: f.triedEarlyHelp,
        other: f.triedOther,
      },
      figures: f.figures,
      declined: f.declineReason,
    })),
  );
  // Letters go to parents and carers and carry their addresses: included, and marked for review.
  for (const letter of await loadLetters(actor.authorityId, { caseId: { in: cases.cases.map((c) => c.id) } })) {
    const name = `letters/${letter.file}`;
    files[name] = letter.bytes;
    withheld.push({ file: name, what: "letter addressed to a parent or carer", whose: letter.to, value: "the letter" });
  }
  files["access-log.csv"] = await accessLog(actor.authorityId, [pupil.id]);
  const archive = finish(files, withheld, {
    title: `Everything Fast Track holds about ${pupil.firstName} ${pupil.lastName} (UPN ${pupil.upn})`,
    authority: actor.authorityName,
  });
  await audit(actor, {
    action: "subject_access.export",
    entityType: "pupil",
    entityId: pupil.id,
    detail: { via, files: Object.keys(archive.files).length, withheld: withheld.length },
  });
  return { ...archive, filename: `subject-access-${pupil.upn}.zip` };
}

/** Everything held about a parent or carer of the actor's authority. Managers and auditors; 404 otherwise. */
export async function buildParentSubjectAccess(
  actor: Actor,
  parentId: string,
  via: "page" | "api" = "page",
): Promise<SubjectAccessArchive> {
  authorize(actor, "subject_access.export");
  if (!/^[0-9a-f-]{36}$/i.test(parentId)) throw new NotFoundError("Parent or carer");
  const parent = await db.parent.findFirst({ where: { authorityId: actor.authorityId, id: parentId } });
  if (!parent) throw new NotFoundError("Parent or carer");
  const withheld: Withheld[] = [];
  const files: Files = {};
  const children = await db.pupilParent.findMany({
    where: { authorityId: actor.authorityId, parentId },
    include: { pupil: true },
    orderBy: [{ pupil: { lastName: "asc" } }, { pupil: { firstName: "asc" } }, { pupilId: "asc" }],
  });
  files["parent-or-carer.json"] = json({
    title: parent.title,
    firstName: parent.firstName,
    lastName: parent.lastName,
    address: [parent.addressLine1, parent.addressLine2, parent.town, parent.postcode].filter(Boolean).join(", "),
    phone: parent.phone,
    email: parent.email,
    recordCreated: parent.createdAt,
    children: children.map((c) => ({
      name: `${c.pupil.firstName} ${c.pupil.lastName}`,
      upn: c.pupil.upn,
      relationship: c.relationship,
      parentalResponsibility: c.parentalResponsibility,
      livesWithPupil: c.livesWithPupil,
    })),
  });
  const partyOf = await db.caseParty.findMany({ where: { authorityId: actor.authorityId, parentId } });
  const cases = await loadCases(actor.authorityId, { id: { in: partyOf.map((p) => p.caseId) } });
  files["cases.json"] = json(cases.cases.map((c) => caseRecord(c, cases, parentId, withheld)));
  for (const letter of await loadLetters(actor.authorityId, { parentId })) {
    files[`letters/${letter.file}`] = letter.bytes;
  }
  files["access-log.csv"] = await accessLog(
    actor.authorityId,
    children.map((c) => c.pupilId),
  );
  const archive = finish(files, withheld, {
    title: `Everything Fast Track holds about ${parent.firstName} ${parent.lastName}`,
    authority: actor.authorityName,
  });
  await audit(actor, {
    action: "subject_access.export",
    entityType: "parent",
    entityId: parent.id,
    detail: { via, files: Object.keys(archive.files).length, withheld: withheld.length },
  });
  return { ...archive, filename: `subject-access-${slug(`${parent.firstName} ${parent.lastName}`)}.zip` };
}

function withheldContact(
  withheld: Withheld[],
  file: string,
  whose: string,
  p: {
    addressLine1: string | null;
    addressLine2: string | null;
    town: string | null;
    postcode: string | null;
    phone: string | null;
    email: string | null;
  },
) {
  const address = [p.addressLine1, p.addressLine2, p.town, p.postcode].filter(Boolean).join(", ");
  if (address) withheld.push({ file, what: "address", whose, value: address });
  if (p.phone) withheld.push({ file, what: "phone", whose, value: p.phone });
  if (p.email) withheld.push({ file, what: "email", whose, value: p.email });
}

async function loadCases(authorityId: string, where: Prisma.AttendanceCaseWhereInput) {
  const cases = await db.attendanceCase.findMany({
    where: { authorityId, ...where },
    orderBy: [{ openedOn: "asc" }, { id: "asc" }],
    include: {
      parties: { orderBy: { parentId: "asc" } },
      events: { orderBy: [{ occurredOn: "asc" }, { createdAt: "asc" }, { id: "asc" }] },
      decisions: { include: { evidence: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      referrals: {
        include: {
          hearings: { orderBy: [{ hearingDate: "asc" }, { createdAt: "asc" }, { id: "asc" }] },
          outcomes: { include: { sentences: true } },
        },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      },
      tasks: { orderBy: [{ dueOn: "asc" }, { id: "asc" }] },
    },
  });
  const caseIds = cases.map((c) => c.id);
  const [parents, notices] = await Promise.all([
    db.parent.findMany({
      where: { authorityId, id: { in: cases.flatMap((c) => c.parties.map((p) => p.parentId)) } },
    }),
    db.penaltyNotice.findMany({
      where: { authorityId, caseId: { in: caseIds } },
      orderBy: [{ issueDate: "asc" }, { id: "asc" }],
    }),
  ]);
  return { cases, parentNames: new Map(parents.map((p) => [p.id, `${p.firstName} ${p.lastName}`])), notices };
}
type Loaded = Awaited<ReturnType<typeof loadCases>>;
type LoadedCase = Loaded["cases"][number];

/** One case as the subject sees it. For a parent (`parentId`), the referrals and notices of the other parties
 * are left out, and the other parties' names are withheld for review. */
function caseRecord(c: LoadedCase, loaded: Loaded, parentId: string | null, withheld: Withheld[]) {
  const nameOf = (id: string) => loaded.parentNames.get(id) ?? "";
  const visible = (id: string) => parentId === null || id === parentId;
  const party = (id: string) => {
    if (visible(id)) return nameOf(id);
    withheld.push({ file: "cases.json", what: "another party to the case", whose: nameOf(id), value: nameOf(id) });
    return WITHHELD;
  };
  const mine = <T extends { parentId: string }>(rows: T[]) => rows.filter((r) => visible(r.parentId));
  return {
    reference: caseReference(c.id),
    status: c.status,
    openedOn: iso(c.openedOn),
    window: c.windowStart
      ? {
          start: iso(c.windowStart),
          end: iso(c.windowEnd),
          targetMinAttendancePct: c.targetMinAttendanceTenths === null ? null : c.targetMinAttendanceTenths / 10,
          targetMaxUnauthorisedSessions: c.targetMaxUnauthorised,
        }
      : null,
    closed: c.closeOutcome ? { outcome: c.closeOutcome, reason: c.closeReason } : null,
    parties: c.parties.map((p) => party(p.parentId)),
    timeline: c.events.map((e) => ({ on: iso(e.occurredOn), kind: e.kind, note: e.note, details: e.details })),
    decisions: c.decisions.map((d) => ({
      asOf: iso(d.asOf),
      outcome: d.outcome,
      figures: d.figures,
      reasons: d.reasons,
      evidence: {
        from: iso(d.evidence.periodStart),
        to: iso(d.evidence.periodEnd),
        marks: snapshotMarks(d.evidence),
        hash: d.evidence.contentHash,
      },
    })),
    referrals: mine(c.referrals).map((r) => ({
      parentOrCarer: nameOf(r.parentId),
      status: r.status,
      offence: r.offence,
      period: { from: iso(r.periodStart), to: iso(r.periodEnd) },
      made: r.createdAt,
      reviewed: r.reviewedAt,
      rejectedBecause: r.rejectReason,
      hearings: r.hearings.map((h) => ({
        on: iso(h.hearingDate),
        court: h.courtName,
        type: h.hearingType,
        adjourned: h.adjourned,
        adjournmentReason: h.adjournmentReason,
      })),
      outcomes: r.outcomes.map((o) => ({
        plea: o.plea,
        verdict: o.verdict,
        costsPence: o.costsPence,
        victimSurchargePence: o.victimSurchargePence,
        sentences: o.sentences.sort(bySentenceType((x) => x.sentenceType)).map((x) => ({
          type: x.sentenceType,
          amountPence: x.amountPence,
          days: x.days,
          months: x.months,
          suspended: x.suspended,
        })),
      })),
    })),
    penaltyNotices: mine(loaded.notices.filter((n) => n.caseId === c.id)).map((n) => ({
      parentOrCarer: nameOf(n.parentId),
      issued: iso(n.issueDate),
      period: { from: iso(n.periodStart), to: iso(n.periodEnd) },
      unauthorisedSessions: n.unauthorisedSessions,
      amountsPence: { within21Days: n.lowerAmountPence, within28Days: n.higherAmountPence },
      status: n.status,
      paidOn: iso(n.paidOn),
      amountPaidPence: n.amountPaidPence,
      withdrawnOn: iso(n.withdrawnOn),
      withdrawnReason: n.withdrawnReason,
    })),
    tasks: c.tasks.map((t) => ({ kind: t.kind, title: t.title, due: iso(t.dueOn), status: t.status })),
  };
}

async function loadLetters(authorityId: string, where: Prisma.CaseLetterWhereInput) {
  const [letters, authority] = await Promise.all([
    db.caseLetter.findMany({
      where: { authorityId, ...where },
      orderBy: [{ sentOn: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    }),
    db.authority.findUniqueOrThrow({ where: { id: authorityId } }),
  ]);
  const parents = new Map(
    (await db.parent.findMany({ where: { authorityId, id: { in: letters.map((l) => l.parentId) } } })).map((p) => [
      p.id,
      `${p.firstName} ${p.lastName}`,
    ]),
  );
  return Promise.all(
    letters.map(async (l) => {
      const to = parents.get(l.parentId) ?? "";
      const kind = LETTER_KIND_LABELS[l.kind as keyof typeof LETTER_KIND_LABELS] ?? l.kind;
      return {
        to,
        file: `${iso(l.sentOn)}-${slug(l.kind)}-${slug(to)}-${l.id.slice(0, 8)}.pdf`,
        bytes: await letterPdf({
          authorityName: authority.name,
          subject: l.subject,
          body: l.body,
          title: `${kind}: ${to}`,
          reference: caseReference(l.caseId),
        }),
      };
    }),
  );
}

/** Who looked at or changed these children's records, and when and why (the audit log's rows about them). */
async function accessLog(authorityId: string, pupilIds: string[]): Promise<Uint8Array> {
  const { rows } = await pgPool().query<{
    at: Date;
    who: string | null;
    role: string | null;
    system: string | null;
    action: string;
    entity_type: string;
    purpose: string | null;
    reason: string | null;
  }>(
    `WITH subject AS (${SUBJECT_RECORDS_SQL})
     SELECT a.at, u.name AS who, u.role::text AS role, a.actor_system AS system, a.action, a.entity_type, a.purpose, a.reason
     FROM audit_log a LEFT JOIN app_user u ON u.id = a.actor_user_id
     WHERE a.authority_id = $1 AND (a.entity_type, a.entity_id) IN (SELECT entity_type, entity_id FROM subject)
     ORDER BY a.at, a.id`,
    [authorityId, pupilIds],
  );
  return csv(
    ["when", "who", "role", "action", "record", "purpose", "reason_given"],
    rows.map((r) => [
      r.at.toISOString(),
      r.who ?? `Fast Track (${r.system})`,
      r.role ?? "",
      r.action,
      r.entity_type,
      r.purpose,
      r.reason,
    ]),
  );
}

function finish(files: Files, withheld: Withheld[], heading: { title: string; authority: string }) {
  files["for-redaction-review/withheld.csv"] = csv(
    ["file", "what", "whose", "value"],
    withheld.map((w) => [w.file, w.what, w.whose, w.value]),
  );
  files["README.txt"] = strToU8(
    [
      heading.title,
      `${heading.authority}, attendance service. Made on ${new Date().toISOString().slice(0, 10)} for a subject access request (UK GDPR Article 15).`,
      "",
      "What is here: the person's record; register marks and their corrections (for a pupil); cases with their",
      "timeline, decisions and the register extract each decision froze, referrals, penalty notices, hearings and",
      "court outcomes; letters as sent (PDF); and access-log.csv, every time someone viewed or changed these records.",
      "",
      `Third-party data (another person's contact details, another party to a case) is replaced by "${WITHHELD}".`,
      "for-redaction-review/withheld.csv lists each item left out, with its value, and each file that names someone",
      "else (letters addressed to a parent or carer). The data protection officer decides on each before anything",
      "is sent: never send the for-redaction-review folder itself.",
      "",
    ].join("\n"),
  );
  const bytes = zipSync(files, { level: 6, mtime: new Date() });
  return { bytes, files: Object.keys(files).sort(), withheld: withheld.length };
}
