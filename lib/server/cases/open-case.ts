import "server-only";
import { openCaseSchema, type OpenCaseInput } from "@/lib/schemas/case";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { ValidationError } from "../errors";
import { createCase } from "./create-case";
import { isUniqueViolation } from "./is-unique-violation";
import { linkedSiblingsAudit, linkSiblingsInTx } from "./link-siblings";
import { parseInput } from "./parse-input";

const ALREADY_OPEN = "This pupil already has an open case: add to that case instead";

/**
 * An officer (or manager) opens a case themselves, for a pupil of their authority. The opening date defaults to
 * today and may be back-dated (never future-dated); the timeline records a back-dated opening. Parties are the
 * parents/carers chosen, or by default those with parental responsibility. Refused when the pupil already has an
 * open case.
 */
export async function openCase(actor: Actor, raw: OpenCaseInput) {
  authorize(actor, "case.manage");
  const input = parseInput(openCaseSchema, raw);
  try {
    return await db.$transaction(async (tx) => {
      const kase = await createCase(tx, actor, { ...input, whenAlreadyOpen: ALREADY_OPEN });
      const linked = await linkSiblingsInTx(tx, actor, kase.id);
      await audit(
        actor,
        [
          {
            action: "case.open",
            entityType: "case",
            entityId: kase.id,
            detail: { pupilId: kase.pupilId, backDated: kase.backDated, assignedOfficerId: kase.assignedOfficerId },
          },
          ...linkedSiblingsAudit(kase.id, linked),
        ],
        tx,
      );
      return kase;
    });
  } catch (error) {
    if (isUniqueViolation(error, "attendance_case_one_open_per_pupil"))
      throw new ValidationError({ pupilId: [ALREADY_OPEN] }, ALREADY_OPEN);
    throw error;
  }
}
