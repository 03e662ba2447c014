import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { can } from "@/lib/domain/permissions";
import type { Actor } from "../actor";

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The prosecution referrals an actor may see, as a Prisma `where` fragment (the same shape as caseScope):
 * managers and officers see every referral of their authority; anyone else (school staff, administrators) nothing.
 * Every referral, hearing and outcome read or write goes through it; out of scope is NotFoundError.
 */
export function referralScope(actor: Actor): Prisma.ProsecutionReferralWhereInput {
  if (!can(actor, "referral.read")) return { id: { in: [] } };
  return { authorityId: actor.authorityId };
}
