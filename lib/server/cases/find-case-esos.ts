import "server-only";
import { toIsoDate } from "@/lib/domain/dates";
import type { EsoRelation } from "@/lib/domain/education-supervision-orders";
import { authorize, type Actor } from "../actor";
import { db } from "../db";
import { findScopedCase } from "./find-scoped-case";

/** The Education Supervision Orders recorded on a case in the actor's scope, oldest first (none outside it). */
export async function findCaseEsos(actor: Actor, caseId: string) {
  authorize(actor, "case.read");
  const kase = await findScopedCase(actor, caseId);
  if (!kase) return [];
  const orders = await db.educationSupervisionOrder.findMany({
    where: { authorityId: actor.authorityId, caseId: kase.id },
    orderBy: [{ madeOn: "asc" }, { createdAt: "asc" }],
  });
  return orders.map((o) => ({
    id: o.id,
    madeOn: toIsoDate(o.madeOn),
    relation: o.relation as EsoRelation,
    months: o.months,
  }));
}
