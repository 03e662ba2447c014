import "server-only";
import { acceptFlagSchema, type AcceptFlagInput } from "@/lib/schemas/case";
import { now } from "@/lib/env";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { ValidationError } from "../errors";
import { createCase } from "../cases/create-case";
import { isUniqueViolation } from "../cases/is-unique-violation";
import { linkedSiblingsAudit, linkSiblingsInTx } from "../cases/link-siblings";
import { parseInput } from "../cases/parse-input";
import { findUndecidedFlag } from "./find-undecided-flag";
import { flagNoticeText } from "./flag-notice-text";
import { notifyFlagSchool } from "../notifications/notify-schools";

const ALREADY_OPEN = "This pupil already has an open case: merge the flag into it instead";

/**
 * Accepts a flag from the triage queue: a case opens today for the pupil, assigned to the accepting officer (or
 * the officer a manager chooses), with the pupil's parents/carers with parental responsibility as parties.
 * Refused, suggesting a merge, when the pupil already has an open case.
 */
export async function acceptFlag(actor: Actor, raw: AcceptFlagInput) {
  authorize(actor, "case.triage");
  authorize(actor, "case.manage");
  const input = parseInput(acceptFlagSchema, raw);
  try {
    return await db.$transaction(async (tx) => {
      const flag = await findUndecidedFlag(tx, actor, input.flagId);
      const kase = await createCase(tx, actor, {
        pupilId: flag.pupilId,
        assignedOfficerId: input.assignedOfficerId,
        openedOn: input.openedOn,
        note: `Opened from a school flag: ${flag.reason}`,
        fromFlagId: flag.id,
        whenAlreadyOpen: ALREADY_OPEN,
      });
      const linked = await linkSiblingsInTx(tx, actor, kase.id);
      const decided = await tx.caseFlag.update({
        where: { id: flag.id },
        data: { status: "accepted", caseId: kase.id, decidedAt: now(), decidedBy: actor.id },
      });
      const officer = await tx.appUser.findFirst({
        where: { id: kase.assignedOfficerId, authorityId: kase.authorityId },
        select: { name: true },
      });
      await notifyFlagSchool(
        tx,
        {
          authorityId: flag.authorityId,
          schoolId: flag.schoolId,
          caseId: kase.id,
          kind: "flag_accepted",
          message: `${await flagNoticeText(tx, flag)} was accepted: a case is open, with ${officer?.name ?? "an officer"} as its officer.`,
        },
        now(),
      );
      await audit(
        actor,
        [
          { action: "flag.accept", entityType: "flag", entityId: flag.id, detail: { caseId: kase.id } },
          {
            action: "case.open",
            entityType: "case",
            entityId: kase.id,
            detail: { fromFlagId: flag.id, assignedOfficerId: kase.assignedOfficerId },
          },
          ...linkedSiblingsAudit(kase.id, linked),
        ],
        tx,
      );
      return { flag: decided, case: kase };
    });
  } catch (error) {
    if (isUniqueViolation(error, "attendance_case_one_open_per_pupil")) throw new ValidationError({}, ALREADY_OPEN);
    throw error;
  }
}
