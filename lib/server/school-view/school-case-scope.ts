import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { can } from "@/lib/domain/permissions";
import type { Actor } from "../actor";

/**
 * The cases school staff may follow, as a Prisma `where` fragment: those their own school's flag opened or was
 * added to (accepted or merged). The pupil must also be on roll at their school today (pupilScope), which the
 * readers check on the pupil, as a case has no relation to its pupil in the client. Anyone else follows nothing
 * here (officers and managers read cases through caseScope).
 */
export function schoolCaseScope(actor: Actor): Prisma.AttendanceCaseWhereInput {
  if (!can(actor, "case.follow") || !actor.schoolId) return { id: { in: [] } };
  return {
    authorityId: actor.authorityId,
    flags: { some: { schoolId: actor.schoolId, status: { in: ["accepted", "merged"] } } },
  };
}
