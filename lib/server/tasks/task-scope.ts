import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { can } from "@/lib/domain/permissions";
import type { Actor } from "../actor";
import { caseScope } from "../cases/case-scope";

/**
 * The tasks an actor may see, as a Prisma `where` fragment: those on the cases they may see (officers and managers:
 * their authority's). Anyone else sees none. Every task read and write goes through it.
 */
export function taskScope(actor: Actor): Prisma.CaseTaskWhereInput {
  if (!can(actor, "task.manage")) return { id: { in: [] } };
  return { authorityId: actor.authorityId, kase: caseScope(actor) };
}
