import "server-only";
import { needsAccessReason, REASON_LIFETIME_HOURS } from "@/lib/domain/access-reason";
import { accessReasonSchema } from "@/lib/schemas/access-reason";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { caseScope } from "./case-scope";
import { parseInput } from "./parse-input";

export type AccessReasonCheck = { needed: false } | { needed: true; reason: string | null; assignedOfficer: string };

async function loadCase(actor: Actor, caseId: string) {
  authorize(actor, "case.read");
  if (!/^[0-9a-f-]{36}$/i.test(caseId)) throw new NotFoundError("Case");
  const kase = await db.attendanceCase.findFirst({
    where: { AND: [caseScope(actor), { id: caseId }] },
    select: { id: true, authorityId: true, assignedOfficerId: true },
  });
  if (!kase) throw new NotFoundError("Case");
  return kase;
}

/**
 * Whether the actor must give a reason before this case is shown (a manager, on another officer's case), and the
 * reason they gave for it in this session within the last hours, if any. Out of scope is NotFoundError. Reads
 * nothing of the child's record but who the case is assigned to, and writes nothing.
 */
export async function checkAccessReason(actor: Actor, caseId: string): Promise<AccessReasonCheck> {
  const kase = await loadCase(actor, caseId);
  if (!needsAccessReason(actor, kase)) return { needed: false };
  const [{ rows }, officer] = await Promise.all([
    db
      .$queryRawUnsafe<{ reason: string }[]>(
        `SELECT reason FROM audit_log
       WHERE actor_user_id = $1::uuid AND at > now() - make_interval(hours => $5) AND authority_id = $2::uuid
         AND action = 'case.access_reason' AND entity_type = 'case' AND entity_id = $3
         AND session_id IS NOT DISTINCT FROM $4
       ORDER BY at DESC LIMIT 1`,
        actor.id,
        kase.authorityId,
        kase.id,
        actor.sessionId ?? null,
        REASON_LIFETIME_HOURS,
      )
      .then((rows) => ({ rows })),
    db.appUser.findFirst({ where: { id: kase.assignedOfficerId }, select: { name: true } }),
  ]);
  return { needed: true, reason: rows[0]?.reason ?? null, assignedOfficer: officer?.name ?? "another officer" };
}

/** Records the reason a manager gave for opening a case outside their caseload (audited, with the reason on the
 * row); the case page then shows the case and puts the same reason on its read. */
export async function giveAccessReason(actor: Actor, raw: unknown): Promise<{ caseId: string }> {
  const input = parseInput(accessReasonSchema, raw);
  const kase = await loadCase(actor, input.caseId);
  await audit(actor, {
    action: "case.access_reason",
    entityType: "case",
    entityId: kase.id,
    reason: input.reason,
    detail: { assignedOfficerId: kase.assignedOfficerId },
  });
  return { caseId: kase.id };
}
