import "server-only";
import type { AttendanceCase } from "@/lib/generated/prisma/client";
import type { CaseState } from "@/lib/domain/case-state";
import { MILESTONE_WORK_KINDS, type QueueMilestone } from "@/lib/domain/case-queues";
import { toIsoDate } from "@/lib/domain/dates";
import { metMilestoneTaskKeys } from "@/lib/domain/tasks";
import { now } from "@/lib/env";
import type { Actor } from "../actor";
import { dateOnly, type Tx } from "../db";

/**
 * After a review or meeting is recorded on `on` (the timeline entry `eventId`, which may not be written yet in this
 * transaction), marks done the open milestone tasks of the case that the case's reviews and meetings now meet, as
 * the work queues judge it (metMilestoneTaskKeys), so that My day and the queues never disagree. Returns how many.
 */
export async function markMetMilestoneTasks(
  tx: Tx,
  actor: Actor,
  kase: AttendanceCase,
  work: { eventId: string; on: string },
): Promise<number> {
  if (!kase.windowStart || !kase.windowEnd) return 0;
  const events = await tx.caseEvent.findMany({
    where: {
      caseId: kase.id,
      authorityId: kase.authorityId,
      kind: { in: [...MILESTONE_WORK_KINDS, "window_started"] },
    },
    select: { kind: true, occurredOn: true, details: true },
  });
  const started = events.find((e) => e.kind === "window_started");
  const milestones = ((started?.details as { plan?: { milestones?: QueueMilestone[] } } | null)?.plan?.milestones ??
    []) as QueueMilestone[];
  const workDates = [...events.filter((e) => e.kind !== "window_started").map((e) => toIsoDate(e.occurredOn)), work.on];
  const keys = metMilestoneTaskKeys({
    status: kase.status as CaseState,
    openedOn: toIsoDate(kase.openedOn),
    windowStart: toIsoDate(kase.windowStart),
    windowEnd: toIsoDate(kase.windowEnd),
    milestones: milestones.map((m) => ({ key: m.key, label: m.label, due: m.due })),
    workDates,
  });
  if (keys.length === 0) return 0;
  const { count } = await tx.caseTask.updateMany({
    where: {
      authorityId: kase.authorityId,
      caseId: kase.id,
      source: "milestone",
      status: "open",
      sourceKey: { in: keys },
    },
    data: {
      status: "done",
      doneOn: dateOnly(work.on),
      doneBy: actor.id,
      doneEventId: work.eventId,
      version: { increment: 1 },
      updatedAt: now(),
    },
  });
  return count;
}
