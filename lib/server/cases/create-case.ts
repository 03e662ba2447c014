import "server-only";
import { formatUkDate } from "@/lib/domain/dates";
import { today } from "@/lib/env";
import type { Actor } from "../actor";
import { dateOnly, type Tx } from "../db";
import { NotFoundError, ValidationError } from "../errors";
import { checkAssignee } from "./check-assignee";

export type CreateCaseOptions = {
  pupilId: string;
  openedOn?: string;
  assignedOfficerId?: string;
  parentIds?: string[];
  note?: string;
  fromFlagId?: string;
  /** What to suggest when the pupil already has an open case. */
  whenAlreadyOpen: string;
};

/**
 * Opens a case in the caller's transaction (openCase and acceptFlag): one pupil of the actor's authority, an
 * assigned officer (the actor when an officer; a manager must choose), the parties (the parents/carers given,
 * which must be the pupil's, or by default those with parental responsibility), and an "opened" entry on the
 * timeline, which says so when the opening date is back-dated. The caller authorises and audits.
 * A pupil's second open case is refused here and, under a race, by the database's partial unique index.
 */
export async function createCase(tx: Tx, actor: Actor, options: CreateCaseOptions) {
  const now = today();
  const openedOn = options.openedOn ?? now;
  if (openedOn > now) {
    throw new ValidationError({
      openedOn: [`The case cannot open in the future: enter today (${formatUkDate(now)}) or an earlier date`],
    });
  }
  const pupil = await tx.pupil.findFirst({ where: { id: options.pupilId, authorityId: actor.authorityId } });
  if (!pupil) throw new NotFoundError("Pupil");
  const open = await tx.attendanceCase.findFirst({ where: { pupilId: pupil.id, status: { not: "closed" } } });
  if (open) throw new ValidationError({ pupilId: [options.whenAlreadyOpen] }, options.whenAlreadyOpen);

  const assignedOfficerId = options.assignedOfficerId ?? (actor.role === "officer" ? actor.id : undefined);
  if (!assignedOfficerId)
    throw new ValidationError({ assignedOfficerId: ["Select the officer to assign the case to"] });
  await checkAssignee(tx, actor.authorityId, assignedOfficerId, "assignedOfficerId");

  const links = await tx.pupilParent.findMany({ where: { pupilId: pupil.id } });
  let parentIds: string[];
  if (options.parentIds) {
    const known = new Set(links.map((l) => l.parentId));
    if (options.parentIds.some((id) => !known.has(id))) {
      throw new ValidationError({ parentIds: ["Select only parents or carers recorded for this pupil"] });
    }
    parentIds = [...new Set(options.parentIds)];
  } else {
    parentIds = links.filter((l) => l.parentalResponsibility).map((l) => l.parentId);
  }

  const backDated = openedOn < now;
  const note = [
    backDated ? `Recorded on ${formatUkDate(now)}, back-dated to ${formatUkDate(openedOn)}` : "",
    options.note ?? "",
  ]
    .filter((s) => s !== "")
    .join("\n\n");
  return tx.attendanceCase.create({
    data: {
      authorityId: actor.authorityId,
      pupilId: pupil.id,
      assignedOfficerId,
      openedOn: dateOnly(openedOn),
      backDated,
      openedBy: actor.id,
      parties: { create: parentIds.map((parentId) => ({ parentId })) },
      events: {
        create: {
          kind: "opened",
          occurredOn: dateOnly(openedOn),
          note,
          actorUserId: actor.id,
          details: {
            backDated,
            recordedOn: now,
            assignedOfficerId,
            ...(options.fromFlagId ? { fromFlagId: options.fromFlagId } : {}),
          },
        },
      },
    },
  });
}
