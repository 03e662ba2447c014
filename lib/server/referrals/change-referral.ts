import "server-only";
import type { AttendanceCase, Prisma, ProsecutionReferral } from "@/lib/generated/prisma/client";
import { STALE_VERSION } from "@/lib/domain/case-rules";
import type { Action } from "@/lib/domain/permissions";
import { authorize, type Actor } from "../actor";
import { audit, type AuditEntry } from "../audit";
import { db, type Tx } from "../db";
import { ConflictError, NotFoundError } from "../errors";
import { referralScope, UUID } from "./referral-scope";
import { writeTimelineEvents } from "../timeline/write-timeline-events";
import { writeNotifications } from "../notifications/write-notifications";
import { now } from "@/lib/env";

export type ReferralChange = {
  data: Prisma.ProsecutionReferralUpdateManyMutationInput;
  event: {
    kind: "referral_approved" | "referral_rejected";
    occurredOn: string;
    note?: string;
    details?: Record<string, unknown>;
  };
  auditDetail?: Prisma.InputJsonObject;
  /** What the case's officer is told (a notification), if anything. */
  notify?: string;
  /** Further audit rows for what `plan` changed beside the referral, written with the referral's own, last. */
  alsoAudit?: AuditEntry[];
};

/**
 * The one path for a manager's decision on a referral, in one transaction: authorise; find the referral in scope
 * (else NotFoundError); check the version the form was built from; `plan` decides the change (throwing
 * ValidationError for a broken rule, and making any change to the case itself in `tx`); the update is written
 * only `WHERE id = … AND version = …` so the second of two saves from the same version is refused with
 * STALE_VERSION; then the timeline entry and the audit row. Returns the referral as saved.
 */
export async function changeReferral(
  actor: Actor,
  ref: { referralId: string; version: number },
  action: { permission: Action; audit: string },
  plan: (referral: ProsecutionReferral & { kase: AttendanceCase }, tx: Tx) => Promise<ReferralChange>,
): Promise<ProsecutionReferral> {
  authorize(actor, action.permission);
  if (!UUID.test(ref.referralId)) throw new NotFoundError("Referral");
  const stale = () => new ConflictError({ version: [STALE_VERSION] }, STALE_VERSION);
  return db.$transaction(async (tx) => {
    const referral = await tx.prosecutionReferral.findFirst({
      where: { AND: [referralScope(actor), { id: ref.referralId }] },
      include: { kase: true },
    });
    if (!referral) throw new NotFoundError("Referral");
    if (referral.version !== ref.version) throw stale();
    const change = await plan(referral, tx);
    const { count } = await tx.prosecutionReferral.updateMany({
      where: { id: referral.id, version: ref.version },
      data: { ...change.data, version: { increment: 1 }, updatedAt: new Date() },
    });
    if (count === 0) throw stale();
    await writeTimelineEvents(tx, [
      {
        caseId: referral.caseId,
        authorityId: referral.authorityId,
        kind: change.event.kind,
        occurredOn: change.event.occurredOn,
        note: change.event.note ?? "",
        actorUserId: actor.id,
        details: {
          referralId: referral.id,
          parentId: referral.parentId,
          ...change.event.details,
        },
      },
    ]);
    if (change.notify) {
      await writeNotifications(
        tx,
        [
          {
            authorityId: referral.authorityId,
            to: { userId: referral.kase.assignedOfficerId },
            caseId: referral.caseId,
            kind: "referral_decided",
            message: change.notify,
          },
        ],
        now().toISOString(),
      );
    }
    await audit(
      actor,
      [
        {
          action: action.audit,
          entityType: "referral",
          entityId: referral.id,
          detail: { caseId: referral.caseId, version: ref.version + 1, ...change.auditDetail },
        },
        ...(change.alsoAudit ?? []),
      ],
      tx,
    );
    return tx.prosecutionReferral.findUniqueOrThrow({ where: { id: referral.id } });
  });
}
