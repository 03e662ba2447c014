import "server-only";
import { can } from "@/lib/domain/permissions";
import type { Actor } from "../actor";
import { db } from "../db";
import { caseScope } from "./case-scope";

/**
 * The id of the pupil's open case within the actor's scope, or null: for the pupil page's "View the open case"
 * or "Open a case" link. Roles without case.read get null, so a school user learns nothing of a case.
 */
export async function findOpenCaseId(actor: Actor, pupilId: string): Promise<string | null> {
  if (!can(actor, "case.read")) return null;
  const open = await db.attendanceCase.findFirst({
    where: { AND: [caseScope(actor), { pupilId, status: { not: "closed" } }] },
    select: { id: true },
  });
  return open?.id ?? null;
}

/** The open case (in scope) of each of these pupils that has one, by pupil id: for queues listing many pupils. */
export async function findOpenCaseIds(actor: Actor, pupilIds: readonly string[]): Promise<Map<string, string>> {
  if (!can(actor, "case.read") || pupilIds.length === 0) return new Map();
  const open = await db.attendanceCase.findMany({
    where: { AND: [caseScope(actor), { pupilId: { in: [...pupilIds] }, status: { not: "closed" } }] },
    select: { id: true, pupilId: true },
  });
  return new Map(open.map((c) => [c.pupilId, c.id]));
}
