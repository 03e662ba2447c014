import "server-only";
import { can } from "@/lib/domain/permissions";
import type { Actor } from "../actor";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { pupilScope } from "../pupils/pupil-scope";

export type FlagContext = {
  /** An undecided flag for the pupil (from any school): a second one would wait behind it. */
  openFlag: { id: string; flaggedAt: Date; byOwnSchool: boolean; notes: number } | null;
  /** Whether the attendance service has an open case for the pupil (nothing more of it). */
  openCase: boolean;
};

/**
 * Before school staff flag a pupil on roll at their school: whether a flag is already waiting, or a case is open, so
 * the page can say so and offer to add to it (issue 15). School staff learn only that the flag or case exists (and
 * whose the flag is), nothing of a case's content. A pupil out of their scope is NotFoundError.
 */
export async function findFlagContext(actor: Actor, pupilId: string): Promise<FlagContext> {
  if (!can(actor, "case.flag") || !/^[0-9a-f-]{36}$/i.test(pupilId)) throw new NotFoundError("Pupil");
  const pupil = await db.pupil.findFirst({
    where: { AND: [pupilScope(actor), { id: pupilId }] },
    select: { id: true },
  });
  if (!pupil) throw new NotFoundError("Pupil");
  const [flag, openCase] = await Promise.all([
    db.caseFlag.findFirst({
      where: { authorityId: actor.authorityId, pupilId, status: "new" },
      include: { _count: { select: { notes: true } } },
    }),
    db.attendanceCase.count({ where: { authorityId: actor.authorityId, pupilId, status: { not: "closed" } } }),
  ]);
  return {
    openFlag: flag
      ? {
          id: flag.id,
          flaggedAt: flag.createdAt,
          byOwnSchool: flag.schoolId === actor.schoolId,
          notes: flag._count.notes,
        }
      : null,
    openCase: openCase > 0,
  };
}

/** For a list of pupils on roll at the school (its at-risk list): which already have a flag waiting or an open case,
 * so the list can say so beside "Flag". Pupils out of scope are left out. Not audited: the list itself is. */
export async function findFlagStates(
  actor: Actor,
  pupilIds: readonly string[],
): Promise<Map<string, "flag_waiting" | "case_open">> {
  const out = new Map<string, "flag_waiting" | "case_open">();
  if (!can(actor, "case.flag") || pupilIds.length === 0) return out;
  const inScope = await db.pupil.findMany({
    where: { AND: [pupilScope(actor), { id: { in: [...pupilIds] } }] },
    select: { id: true },
  });
  const ids = inScope.map((p) => p.id);
  const [flags, cases] = await Promise.all([
    db.caseFlag.findMany({
      where: { authorityId: actor.authorityId, pupilId: { in: ids }, status: "new" },
      select: { pupilId: true },
    }),
    db.attendanceCase.findMany({
      where: { authorityId: actor.authorityId, pupilId: { in: ids }, status: { not: "closed" } },
      select: { pupilId: true },
    }),
  ]);
  for (const c of cases) out.set(c.pupilId, "case_open");
  for (const f of flags) out.set(f.pupilId, "flag_waiting");
  return out;
}
