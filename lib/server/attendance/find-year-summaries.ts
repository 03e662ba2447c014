import "server-only";
import type { Actor } from "../actor";
import { db } from "../db";
import { pupilInScope } from "./get-pupil-attendance";

export type YearSummary = {
  academicYear: number;
  /** "2023/24" */
  label: string;
  laCode: string;
  estabNumber: string;
  /** The name the file gave, or the school's name in the system; "" when neither is known. */
  schoolName: string;
  /** Set when the LA and establishment are a school of the authority; null for a school outside the system. */
  schoolId: string | null;
  possible: number;
  authorised: number;
  attended: number;
  unauthorised: number;
};

/**
 * A pupil's "earlier years (summary only)": the attendance years a Common Transfer File gave as counts without
 * marks, newest first, for a pupil in the actor's scope (NotFoundError otherwise). Every school's years are
 * returned, school staff included: a CTF carries them to the pupil's new school for exactly this purpose.
 * Not audited here: the page that shows them audits its read of the pupil.
 */
export async function findYearSummaries(actor: Actor, pupilId: string): Promise<YearSummary[]> {
  const pupil = await pupilInScope(actor, { id: pupilId });
  const rows = await db.attendanceYearSummary.findMany({
    where: { pupilId: pupil.id, authorityId: actor.authorityId },
    orderBy: [{ academicYear: "desc" }, { laCode: "asc" }, { estabNumber: "asc" }],
  });
  const schoolIds = [...new Set(rows.map((r) => r.schoolId).filter((id): id is string => id !== null))];
  const schools = new Map(
    (await db.school.findMany({ where: { id: { in: schoolIds } }, select: { id: true, name: true } })).map((s) => [
      s.id,
      s.name,
    ]),
  );
  return rows.map((r) => ({
    academicYear: r.academicYear,
    label: `${r.academicYear}/${String((r.academicYear + 1) % 100).padStart(2, "0")}`,
    laCode: r.laCode,
    estabNumber: r.estabNumber,
    schoolName: r.schoolName || (r.schoolId ? (schools.get(r.schoolId) ?? "") : ""),
    schoolId: r.schoolId,
    possible: r.sessionsPossible,
    authorised: r.sessionsAuthorised,
    attended: r.sessionsAttended,
    unauthorised: r.sessionsUnauthorised,
  }));
}
