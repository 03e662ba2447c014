import "server-only";
import { assertMayChangeCase } from "../cases/assert-may-change-case";
import { checkVersion } from "@/lib/domain/case-rules";
import type { Prisma } from "@/lib/generated/prisma/client";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { caseScope } from "../cases/case-scope";
import { db, type Tx } from "../db";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { writeTimelineEvents } from "../timeline/write-timeline-events";

type Notice = NonNullable<Awaited<ReturnType<Tx["penaltyNotice"]["findFirst"]>>>;

/**
 * The one shape of a change to an issued notice (payment, withdrawal): authorise, load the notice through the
 * case scope with its row locked, check who may change the case and the version the form was built from, apply
 * the change, and write the timeline event and the audit row in the same transaction.
 */
export async function changePenaltyNotice(
  actor: Actor,
  args: {
    noticeId: string;
    version: number;
    action: string;
    eventKind: "penalty_notice_paid" | "penalty_notice_withdrawn";
  },
  change: (notice: Notice) => {
    data: Prisma.PenaltyNoticeUpdateManyMutationInput;
    occurredOn: string;
    note: string;
    details: Prisma.InputJsonObject;
  },
) {
  authorize(actor, "penalty_notice.manage");
  return db.$transaction(async (tx) => {
    // The actor's own authority: another authority's notice is not locked, and is not found below.
    await tx.$queryRaw`SELECT id FROM penalty_notice WHERE authority_id = ${actor.authorityId}::uuid AND id = ${args.noticeId}::uuid FOR UPDATE`;
    const notice = await tx.penaltyNotice.findFirst({ where: { id: args.noticeId, authorityId: actor.authorityId } });
    const kase = notice && (await tx.attendanceCase.findFirst({ where: { id: notice.caseId, ...caseScope(actor) } }));
    if (!notice || !kase) throw new NotFoundError("Penalty notice");
    assertMayChangeCase(actor, kase);
    const fresh = checkVersion(args.version, notice.version);
    if (!fresh.ok) throw new ConflictError({}, fresh.message);
    if (notice.status !== "issued") {
      const what =
        { paid: "has been paid", withdrawn: "has been withdrawn", referred: "has been referred for prosecution" }[
          notice.status
        ] ?? "is closed";
      throw new ValidationError({}, `This penalty notice ${what}, so it cannot be changed`);
    }
    const { data, occurredOn, note, details } = change(notice);
    await tx.penaltyNotice.update({ where: { id: notice.id }, data: { ...data, version: { increment: 1 } } });
    await writeTimelineEvents(tx, [
      {
        caseId: kase.id,
        authorityId: kase.authorityId,
        kind: args.eventKind,
        occurredOn: occurredOn,
        actorUserId: actor.id,
        note,
        details: { noticeId: notice.id, parentId: notice.parentId, ...details },
      },
    ]);
    await audit(
      actor,
      {
        action: args.action,
        entityType: "penalty_notice",
        entityId: notice.id,
        detail: { caseId: kase.id, ...details },
      },
      tx,
    );
    return { id: notice.id, caseId: kase.id };
  });
}
