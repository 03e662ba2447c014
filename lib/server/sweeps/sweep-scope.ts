import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { can } from "@/lib/domain/permissions";
import type { Actor } from "../actor";

/**
 * The truancy sweeps an actor may see, as a Prisma `where` fragment. Every sweep read and write goes through it.
 * - managers: every sweep of their authority;
 * - officers: the sweeps they recorded;
 * - anyone else (school staff, administrators): nothing.
 */
export function sweepScope(actor: Actor): Prisma.TruancySweepWhereInput {
  if (!can(actor, "sweep.read")) return { id: { in: [] } };
  if (actor.role === "manager") return { authorityId: actor.authorityId };
  return { authorityId: actor.authorityId, recordedBy: actor.id };
}
