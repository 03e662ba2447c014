import "server-only";
import { openCaseSchema, type OpenCaseInput } from "@/lib/schemas/case";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { db, type Tx } from "../db";
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
  try {
    return await db.$transaction((tx) => openCaseInTx(tx, actor, raw));
  } catch (error) {
    throw openCaseRefusal(error);
  }
}

/**
 * openCase in the caller's transaction (the API opens the case and starts its window in one): the same checks,
 * case, sibling links and audit rows. The caller passes what it catches through openCaseRefusal.
 */
export async function openCaseInTx(tx: Tx, actor: Actor, raw: OpenCaseInput) {
  authorize(actor, "case.manage");
  const input = parseInput(openCaseSchema, raw);
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
}

/** A second open case that only the database's unique index caught (a race) as the form's message; else as is. */
export function openCaseRefusal(error: unknown): unknown {
  return isUniqueViolation(error, "attendance_case_one_open_per_pupil")
    ? new ValidationError({ pupilId: [ALREADY_OPEN] }, ALREADY_OPEN)
    : error;
}
