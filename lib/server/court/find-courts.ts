import "server-only";
import { can } from "@/lib/domain/permissions";
import type { Actor } from "../actor";
import { db } from "../db";
import { ForbiddenError } from "../errors";

export type CourtOption = { id: string; name: string; address: string; active: boolean };

/**
 * The authority's magistrates' courts, by name: the active ones for those who record hearings and read them
 * (managers, officers), every one (with the retired) for administrators, who keep the list. Anyone else is refused.
 */
export async function findCourts(actor: Actor, options: { includeRetired?: boolean } = {}): Promise<CourtOption[]> {
  const admin = can(actor, "reference_data.manage");
  if (!admin && !can(actor, "referral.read")) throw new ForbiddenError();
  const courts = await db.court.findMany({
    where: { authorityId: actor.authorityId, ...(admin && options.includeRetired ? {} : { active: true }) },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return courts.map((c) => ({ id: c.id, name: c.name, address: c.address, active: c.active }));
}
