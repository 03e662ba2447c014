import "server-only";
import { canChangeCase } from "@/lib/domain/case-rules";
import type { CaseState } from "@/lib/domain/case-state";
import { parentNames, type LetterKind } from "@/lib/domain/letters";
import { can } from "@/lib/domain/permissions";
import type { Actor } from "../actor";
import { audit } from "../audit";
import { NotFoundError } from "../errors";
import { findCaseParents } from "../cases/find-case-parents";
import { findScopedCase } from "../cases/find-scoped-case";
import { pgPool } from "../pg";
import type { ViewAudit } from "../cases/get-case";

/** The letters on a case in the actor's scope, newest first, with each parent's name, and whether the actor may
 * produce more (the assigned officer or a manager, on a case not closed); audited. Out of scope (another
 * authority, school staff, administrators) is NotFoundError. */
export async function findCaseLetters(actor: Actor, caseId: string, view: ViewAudit = {}) {
  if (!can(actor, "case.read") || !/^[0-9a-f-]{36}$/i.test(caseId)) throw new NotFoundError("Case");
  const kase = await findScopedCase(actor, caseId);
  if (!kase) throw new NotFoundError("Case");
  // The letters' parents are among the case's parents the page reads once (findCaseParents), parties now or not.
  const [letters, parents] = await Promise.all([
    // Through the pg pool, and without the letters' bodies, which the list does not show (ADR 080).
    pgPool()
      .query<{ id: string; kind: string; subject: string; sent_on: string; production_id: string; parent_id: string }>(
        `SELECT id, kind, subject, sent_on::text AS sent_on, production_id, parent_id FROM case_letter
         WHERE case_id = $1::uuid AND authority_id = $2::uuid ORDER BY sent_on DESC, created_at DESC, id DESC`,
        [kase.id, kase.authorityId],
      )
      .then((r) => r.rows),
    findCaseParents(kase.authorityId, kase.id),
  ]);
  if (!view.auditedBy)
    await audit(actor, {
      action: "case_letter.list",
      entityType: "case",
      entityId: kase.id,
      detail: { count: letters.length },
    });
  const mayProduce = canChangeCase(actor, {
    assignedOfficerId: kase.assignedOfficerId,
    status: kase.status as CaseState,
  }).ok;
  return {
    mayProduce,
    letters: letters.map((l) => {
      const parent = parents.get(l.parent_id);
      return {
        id: l.id,
        kind: l.kind as LetterKind,
        subject: l.subject,
        sentOn: l.sent_on,
        productionId: l.production_id,
        parentId: l.parent_id,
        parentName: parent ? parentNames(parent).name : "",
      };
    }),
  };
}
