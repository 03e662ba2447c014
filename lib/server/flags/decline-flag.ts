import "server-only";
import { declineFlagSchema, type DeclineFlagInput } from "@/lib/schemas/case";
import { now } from "@/lib/env";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { parseInput } from "../cases/parse-input";
import { findUndecidedFlag } from "./find-undecided-flag";
import { flagNoticeText } from "./flag-notice-text";
import { notifyFlagSchool } from "../notifications/notify-schools";

/** Declines a flag with a reason, which the school sees beside the flag. */
export async function declineFlag(actor: Actor, raw: DeclineFlagInput) {
  authorize(actor, "case.triage");
  const input = parseInput(declineFlagSchema, raw);
  return db.$transaction(async (tx) => {
    const flag = await findUndecidedFlag(tx, actor, input.flagId);
    const decided = await tx.caseFlag.update({
      where: { id: flag.id },
      data: { status: "declined", declineReason: input.reason, decidedAt: now(), decidedBy: actor.id },
    });
    await notifyFlagSchool(
      tx,
      {
        authorityId: flag.authorityId,
        schoolId: flag.schoolId,
        caseId: null,
        kind: "flag_declined",
        message: `${await flagNoticeText(tx, flag)} was declined: ${input.reason}`,
      },
      now(),
    );
    await audit(actor, { action: "flag.decline", entityType: "flag", entityId: flag.id }, tx);
    return decided;
  });
}
