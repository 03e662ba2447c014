import "server-only";
import { isIsoDate } from "@/lib/domain/dates";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { NotFoundError, ValidationError } from "../errors";
import { pgPool } from "../pg";
import { pupilScope } from "../pupils/pupil-scope";
import { figures, pupilCounts } from "./attendance-figures";

/** Checks a from/to pair: ISO dates, from not after to, at most ten years apart. */
export function checkRange(from: string, to: string) {
  const errors: Record<string, string[]> = {};
  if (!isIsoDate(from)) errors.from = ["from must be a date in the form YYYY-MM-DD"];
  if (!isIsoDate(to)) errors.to = ["to must be a date in the form YYYY-MM-DD"];
  if (!errors.from && !errors.to && from > to) errors.to = ["to must be on or after from"];
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
}

/** Finds a pupil in the actor's scope by UPN or id (NotFoundError otherwise). School staff see their own
 * school's marks only. */
export async function pupilInScope(actor: Actor, by: { upn: string } | { id: string }) {
  authorize(actor, "attendance.read");
  const key =
    "upn" in by ? { upn: by.upn.trim().toUpperCase() } : /^[0-9a-f-]{36}$/i.test(by.id) ? { id: by.id } : null;
  if (!key) throw new NotFoundError("Pupil");
  const pupil = await db.pupil.findFirst({
    where: { AND: [pupilScope(actor), key] },
    select: { id: true, upn: true, firstName: true, lastName: true },
  });
  if (!pupil) throw new NotFoundError("Pupil");
  return { ...pupil, schoolFilter: actor.role === "school" ? actor.schoolId : null };
}

/** GET /api/v1/pupils/{upn}/attendance: a pupil's counts and rates over a date range. */
export async function getPupilAttendance(actor: Actor, upn: string, from: string, to: string, reason?: string) {
  const pupil = await pupilInScope(actor, { upn }); // the role and the scope before the input
  checkRange(from, to);
  const counts = await pupilCounts(pgPool(), pupil.id, from, to, pupil.schoolFilter);
  await audit(actor, {
    action: "attendance.view",
    entityType: "pupil",
    entityId: pupil.id,
    reason,
    detail: { from, to, via: "api" },
  });
  const f = figures(counts);
  return {
    upn: pupil.upn,
    from,
    to,
    possible: f.possible,
    present: f.present,
    approvedActivity: f.approvedActivity,
    authorised: f.authorised,
    unauthorised: f.unauthorised,
    attendanceRate: f.attendanceRate,
    overallAbsenceRate: f.overallAbsenceRate,
    unauthorisedRate: f.unauthorisedRate,
    persistentAbsence: f.persistentAbsence,
    severeAbsence: f.severeAbsence,
  };
}
