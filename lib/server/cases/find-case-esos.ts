import "server-only";
import type { EsoRelation } from "@/lib/domain/education-supervision-orders";
import { authorize, type Actor } from "../actor";
import { pgPool } from "../pg";
import { findScopedCase } from "./find-scoped-case";

/** The Education Supervision Orders recorded on a case in the actor's scope, oldest first (none outside it). */
export async function findCaseEsos(actor: Actor, caseId: string) {
  authorize(actor, "case.read");
  const kase = await findScopedCase(actor, caseId);
  if (!kase) return [];
  // Through the pg pool: the case page reads it on every view (ADR 080).
  const { rows } = await pgPool().query<{ id: string; made_on: string; relation: string; months: number }>(
    `SELECT id, made_on::text AS made_on, relation, months FROM education_supervision_order
     WHERE authority_id = $1::uuid AND case_id = $2::uuid ORDER BY made_on, created_at, id`,
    [actor.authorityId, kase.id],
  );
  return rows.map((o) => ({ id: o.id, madeOn: o.made_on, relation: o.relation as EsoRelation, months: o.months }));
}
