import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { can } from "@/lib/domain/permissions";
import type { Actor } from "../actor";

/**
 * The cases an actor may see, as a Prisma `where` fragment. Every case read and write goes through it.
 * - managers and officers: every case of their authority;
 * - anyone else (school staff, administrators): nothing. School staff follow their flags instead (flagScope).
 */
export function caseScope(actor: Actor): Prisma.AttendanceCaseWhereInput {
  if (!can(actor, "case.read")) return { id: { in: [] } };
  return { authorityId: actor.authorityId };
}
