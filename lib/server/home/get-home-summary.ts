import "server-only";
import { can } from "@/lib/domain/permissions";
import type { Actor } from "../actor";
import { db } from "../db";
import { pupilScope } from "../pupils/pupil-scope";

/** The figures on each role's home page, within the actor's scope. */
export async function getHomeSummary(actor: Actor) {
  if (can(actor, "user.manage")) {
    const [users, disabledUsers, schools] = await Promise.all([
      db.appUser.count({ where: { authorityId: actor.authorityId } }),
      db.appUser.count({ where: { authorityId: actor.authorityId, disabled: true } }),
      db.school.count({ where: { authorityId: actor.authorityId } }),
    ]);
    return { kind: "admin" as const, users, disabledUsers, schools };
  }
  if (can(actor, "audit.read")) {
    // The auditor's: how long the authority's chain is, and what the daily check last found (ADR 032).
    const [head, lastCheck] = await Promise.all([
      db.auditLog.findFirst({
        where: { authorityId: actor.authorityId },
        orderBy: { chainSeq: "desc" },
        select: { chainSeq: true },
      }),
      db.auditVerification.findFirst({
        where: { authorityId: actor.authorityId },
        orderBy: [{ verifiedAt: "desc" }, { id: "desc" }],
      }),
    ]);
    return {
      kind: "auditor" as const,
      chainLength: Number(head?.chainSeq ?? 0n),
      lastCheck: lastCheck && { at: lastCheck.verifiedAt, ok: lastCheck.ok, rows: Number(lastCheck.rowsChecked) },
    };
  }
  const [pupils, schools] = await Promise.all([
    db.pupil.count({ where: pupilScope(actor) }),
    db.school.count({ where: { authorityId: actor.authorityId } }),
  ]);
  return { kind: "pupils" as const, pupils, schools };
}
