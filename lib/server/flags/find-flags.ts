import "server-only";
import { findFlagsSchema, FLAG_STATUS_LABELS, type FindFlagsInput, type FlagStatus } from "@/lib/schemas/case";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { parseInput } from "../cases/parse-input";
import { flagScope } from "./flag-scope";

/**
 * School staff: their school's flags, newest first, with each one's status and any decline reason, and nothing
 * of the case behind an accepted or merged flag (not even its id).
 * Officers and managers: the triage queue, oldest first (by default the flags still to decide; `status` picks
 * another list), with the case each decided flag went to.
 */
export async function findFlags(actor: Actor, raw: FindFlagsInput = {}) {
  const input = parseInput(findFlagsSchema, raw);
  const isSchool = actor.role === "school";
  authorize(actor, isSchool ? "case.flag" : "case.triage");
  const status = isSchool ? input.status : (input.status ?? "new");
  const flags = await db.caseFlag.findMany({
    where: {
      AND: [
        flagScope(actor),
        status ? { status } : {},
        !isSchool && input.schoolId ? { schoolId: input.schoolId } : {},
      ],
    },
    orderBy: isSchool ? [{ createdAt: "desc" }, { id: "desc" }] : [{ createdAt: "asc" }, { id: "asc" }],
    take: 500,
  });
  const pupils = await db.pupil.findMany({
    where: { id: { in: [...new Set(flags.map((f) => f.pupilId))] }, authorityId: actor.authorityId },
    select: { id: true, upn: true, firstName: true, lastName: true },
  });
  await audit(actor, { action: "flag.list", detail: { status: status ?? "all", results: flags.length } });

  return flags.map((f) => {
    const pupil = pupils.find((p) => p.id === f.pupilId)!;
    const flag = {
      id: f.id,
      pupil: { id: pupil.id, upn: pupil.upn, firstName: pupil.firstName, lastName: pupil.lastName },
      reason: f.reason,
      tried: {
        meeting: f.triedMeeting,
        attendanceContract: f.triedAttendanceContract,
        earlyHelp: f.triedEarlyHelp,
        other: f.triedOther,
      },
      figures: f.figures,
      status: f.status as FlagStatus,
      statusLabel: FLAG_STATUS_LABELS[f.status as FlagStatus],
      declineReason: f.declineReason,
      flaggedAt: f.createdAt,
      decidedAt: f.decidedAt,
    };
    // School staff follow the case their accepted or merged flag is on (schoolCaseScope checks it again).
    return isSchool
      ? { ...flag, followCaseId: f.status === "accepted" || f.status === "merged" ? f.caseId : null }
      : { ...flag, schoolId: f.schoolId, flaggedBy: f.flaggedBy, caseId: f.caseId, decidedBy: f.decidedBy };
  });
}
