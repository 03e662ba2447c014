import "server-only";
import { milestoneBecomesTask, milestoneTaskKey } from "@/lib/domain/tasks";
import type { WindowPlan } from "@/lib/domain/fast-track-window";
import { dateOnly, type Tx } from "../db";

/**
 * A window's milestones become tasks for the case's officer when the window starts (in the same transaction): every
 * milestone but the decision, which the daily job makes itself, due on the milestone's date. Made once per
 * milestone (the case_task_made_once index), so a retried start writes nothing twice. Returns how many were made.
 */
export async function createMilestoneTasks(
  tx: Tx,
  kase: { id: string; authorityId: string; assignedOfficerId: string },
  plan: Pick<WindowPlan, "milestones">,
): Promise<number> {
  const rows = plan.milestones
    .filter((m) => milestoneBecomesTask(m.key))
    .map((m) => ({
      authorityId: kase.authorityId,
      caseId: kase.id,
      kind: "milestone",
      title: m.label,
      dueOn: dateOnly(m.due),
      assignedTo: kase.assignedOfficerId,
      source: "milestone",
      sourceKey: milestoneTaskKey(m),
      notes: `Week ${m.week} of the Fast Track window: record a review or meeting with the family.`,
    }));
  if (rows.length === 0) return 0;
  const { count } = await tx.caseTask.createMany({ data: rows, skipDuplicates: true });
  return count;
}
