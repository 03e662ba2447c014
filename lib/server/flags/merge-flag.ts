import "server-only";
import { now, today } from "@/lib/env";
import { mergeFlagSchema, type MergeFlagInput } from "@/lib/schemas/case";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { ValidationError } from "../errors";
import { caseScope } from "../cases/case-scope";
import { parseInput } from "../cases/parse-input";
import { findUndecidedFlag } from "./find-undecided-flag";
import { flagNoticeText } from "./flag-notice-text";
import { notifyFlagSchool } from "../notifications/notify-schools";
import { writeTimelineEvents } from "../timeline/write-timeline-events";

/**
 * Merges a flag into the pupil's open case: the flag is decided ("added to an open case", as the school sees it)
 * and the case's timeline records it. Adding to the timeline does not change the case itself, so its version
 * is left alone (an officer's open form stays valid). Refused when the pupil has no open case.
 */
export async function mergeFlag(actor: Actor, raw: MergeFlagInput) {
  authorize(actor, "case.triage");
  const input = parseInput(mergeFlagSchema, raw);
  return db.$transaction(async (tx) => {
    const flag = await findUndecidedFlag(tx, actor, input.flagId);
    const kase = await tx.attendanceCase.findFirst({
      where: { AND: [caseScope(actor), { pupilId: flag.pupilId, status: { not: "closed" } }] },
    });
    if (!kase)
      throw new ValidationError({}, "This pupil has no open case to merge the flag into: accept the flag to open one");
    const decided = await tx.caseFlag.update({
      where: { id: flag.id },
      data: { status: "merged", caseId: kase.id, decidedAt: now(), decidedBy: actor.id },
    });
    await writeTimelineEvents(tx, [
      {
        caseId: kase.id,
        authorityId: kase.authorityId,
        kind: "flag_merged",
        occurredOn: today(),
        note: flag.reason,
        actorUserId: actor.id,
        details: { flagId: flag.id, schoolId: flag.schoolId },
      },
    ]);
    await notifyFlagSchool(
      tx,
      {
        authorityId: flag.authorityId,
        schoolId: flag.schoolId,
        caseId: kase.id,
        kind: "flag_merged",
        message: `${await flagNoticeText(tx, flag)} was added to the pupil's open case.`,
      },
      now(),
    );
    await audit(
      actor,
      [
        { action: "flag.merge", entityType: "flag", entityId: flag.id, detail: { caseId: kase.id } },
        { action: "case.add_flag", entityType: "case", entityId: kase.id, detail: { flagId: flag.id } },
      ],
      tx,
    );
    return decided;
  });
}
