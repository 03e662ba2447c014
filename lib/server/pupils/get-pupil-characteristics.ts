import "server-only";
import { toIsoDate } from "@/lib/domain/dates";
import type { SenProvision } from "@/lib/domain/pupil-characteristics";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { pupilScope } from "./pupil-scope";

/**
 * A pupil's SEN provision and free-school-meals eligibility, as the latest Common Transfer File gave them. Special
 * category and sensitive data: only officers, managers and staff of the pupil's own school (pupilScope) may see them,
 * and each showing is audited. A pupil outside the actor's scope is not found.
 */
export async function getPupilCharacteristics(actor: Actor, pupilId: string) {
  authorize(actor, "pupil.characteristics.read");
  const pupil = await db.pupil.findFirst({
    where: { AND: [pupilScope(actor), { id: pupilId }] },
    select: { id: true },
  });
  if (!pupil) throw new NotFoundError("Pupil");
  const row = await db.pupilCharacteristics.findUnique({
    where: { authorityId_pupilId: { authorityId: actor.authorityId, pupilId: pupil.id } },
  });
  await audit(actor, {
    action: "pupil.view_characteristics",
    entityType: "pupil",
    entityId: pupil.id,
    detail: { recorded: row !== null },
  });
  return {
    senProvision: (row?.senProvision ?? null) as SenProvision | null,
    senSince: row?.senSince ? toIsoDate(row.senSince) : null,
    fsmEligible: row?.fsmEligible ?? null,
    fsmSince: row?.fsmSince ? toIsoDate(row.fsmSince) : null,
  };
}
