import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { can } from "@/lib/domain/permissions";
import type { Actor } from "../actor";

/**
 * The flags an actor may see, as a Prisma `where` fragment. Every flag read and write goes through it.
 * - school staff: the flags raised by their own school (by any of its staff);
 * - managers and officers: every flag of their authority (the triage queue);
 * - anyone else: nothing.
 */
export function flagScope(actor: Actor): Prisma.CaseFlagWhereInput {
  if (actor.role === "school" && can(actor, "case.flag") && actor.schoolId) {
    return { authorityId: actor.authorityId, schoolId: actor.schoolId };
  }
  if (can(actor, "case.triage")) return { authorityId: actor.authorityId };
  return { id: { in: [] } };
}
