import "server-only";
import { FLAG_STATUS_LABELS, type FlagStatus } from "@/lib/schemas/case";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { caseScope } from "../cases/case-scope";
import { flagScope } from "./flag-scope";

export type FlagDetail = Awaited<ReturnType<typeof getFlag>>;

/**
 * One flag for the triage page (officers and managers): the flag with the pupil, the school and who flagged it,
 * and the pupil's open case if there is one (what the flag can be merged into). Out of scope: NotFoundError.
 * The read is audited.
 */
export async function getFlag(actor: Actor, flagId: string) {
  authorize(actor, "case.triage");
  if (!/^[0-9a-f-]{36}$/i.test(flagId)) throw new NotFoundError("Flag");
  const flag = await db.caseFlag.findFirst({
    where: { AND: [flagScope(actor), { id: flagId }] },
    include: { notes: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } },
  });
  if (!flag) throw new NotFoundError("Flag");
  const [pupil, school, users, openCase] = await Promise.all([
    db.pupil.findFirstOrThrow({
      where: { id: flag.pupilId, authorityId: flag.authorityId },
      select: { id: true, upn: true, firstName: true, lastName: true },
    }),
    db.school.findFirstOrThrow({
      where: { id: flag.schoolId, authorityId: flag.authorityId },
      select: { id: true, name: true },
    }),
    db.appUser.findMany({
      where: {
        id: { in: [flag.flaggedBy, ...(flag.decidedBy ? [flag.decidedBy] : []), ...flag.notes.map((n) => n.addedBy)] },
        authorityId: flag.authorityId,
      },
      select: { id: true, name: true },
    }),
    db.attendanceCase.findFirst({
      where: { AND: [caseScope(actor), { pupilId: flag.pupilId, status: { not: "closed" } }] },
      select: { id: true, status: true },
    }),
  ]);
  await audit(actor, { action: "flag.view", entityType: "flag", entityId: flag.id });
  const nameOf = (id: string | null) => (id ? (users.find((u) => u.id === id)?.name ?? "Unknown user") : null);
  return {
    id: flag.id,
    status: flag.status as FlagStatus,
    statusLabel: FLAG_STATUS_LABELS[flag.status as FlagStatus],
    pupil,
    school,
    reason: flag.reason,
    tried: {
      meeting: flag.triedMeeting,
      attendanceContract: flag.triedAttendanceContract,
      earlyHelp: flag.triedEarlyHelp,
      other: flag.triedOther,
    },
    figures: flag.figures as FlagFigures | null,
    flaggedBy: nameOf(flag.flaggedBy),
    flaggedAt: flag.createdAt,
    /** "sweep" when a truancy sweep raised the flag for the pupil's school. */
    source: flag.source,
    declineReason: flag.declineReason,
    decidedBy: nameOf(flag.decidedBy),
    decidedAt: flag.decidedAt,
    caseId: flag.caseId,
    openCaseId: openCase?.id ?? null,
    /** What schools added while the flag waited. */
    notes: flag.notes.map((n) => ({ id: n.id, note: n.note, addedBy: nameOf(n.addedBy), addedAt: n.createdAt })),
  };
}

/** The attendance snapshot flagPupil stores on a flag. */
export type FlagFigures = {
  from: string;
  to: string;
  possible: number;
  present: number;
  approvedActivity: number;
  authorised: number;
  unauthorised: number;
  attendanceRate: number | null;
  overallAbsenceRate: number | null;
  unauthorisedRate: number | null;
  persistentAbsence: boolean;
  severeAbsence: boolean;
};
