import "server-only";
import { can } from "@/lib/domain/permissions";
import type { Actor } from "../actor";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { getReferral, type ReferralDetail } from "./get-referral";
import { referralScope, UUID } from "./referral-scope";

/**
 * Every prosecution referral of one case (one per parent referred), each in full as its own page shows it
 * (getReferral: its own evidence, readiness, offence and decision), for deciding them side by side. The decisions
 * stay per parent: nothing here joins them. In the actor's scope (referralScope), else NotFoundError, so school
 * staff and other authorities learn nothing; each referral's read is audited by getReferral.
 */
export async function getCaseReferrals(actor: Actor, caseId: string): Promise<ReferralDetail[]> {
  if (!can(actor, "referral.read") || !UUID.test(caseId)) throw new NotFoundError("Case");
  const ids = await db.prosecutionReferral.findMany({
    where: { AND: [referralScope(actor), { caseId }] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  if (ids.length === 0) throw new NotFoundError("Case");
  const referrals: ReferralDetail[] = [];
  // One after another: each read is several queries, and a case has one or two parents.
  for (const { id } of ids) referrals.push(await getReferral(actor, id));
  return referrals;
}

/** How many referrals the case has in the actor's scope (0 out of scope): the referral page links to them all. */
export async function countCaseReferrals(actor: Actor, caseId: string): Promise<number> {
  if (!can(actor, "referral.read") || !UUID.test(caseId)) return 0;
  return db.prosecutionReferral.count({ where: { AND: [referralScope(actor), { caseId }] } });
}
