import "server-only";
import { placeLegalHoldSchema, releaseLegalHoldSchema } from "@/lib/schemas/retention";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { isUniqueViolation } from "../cases/is-unique-violation";
import { parseInput } from "../cases/parse-input";
import { db } from "../db";
import { NotFoundError, ValidationError } from "../errors";

export type LegalHoldView = {
  id: string;
  subject: "case" | "pupil" | "parent";
  subjectId: string;
  /** Who or what it is on, in words: "Case of Ava Smith (UPN …)", "Pupil Ava Smith (UPN …)", "Parent or carer …". */
  description: string;
  reason: string;
  placedBy: string;
  placedAt: Date;
  released: { by: string; at: Date; reason: string } | null;
};

/** The authority's legal holds, those in force first (legal_hold.manage: managers and auditors). */
export async function listLegalHolds(actor: Actor): Promise<LegalHoldView[]> {
  authorize(actor, "legal_hold.manage");
  const holds = await db.legalHold.findMany({
    where: { authorityId: actor.authorityId },
    orderBy: [{ placedAt: "desc" }, { id: "desc" }],
  });
  if (holds.length === 0) return [];
  const ids = <K extends "caseId" | "pupilId" | "parentId">(k: K) =>
    holds.map((h) => h[k]).filter((v): v is string => v !== null);
  const cases = await db.attendanceCase.findMany({
    where: { authorityId: actor.authorityId, id: { in: ids("caseId") } },
    select: { id: true, pupilId: true },
  });
  const [pupils, parents, users] = await Promise.all([
    db.pupil.findMany({
      where: { authorityId: actor.authorityId, id: { in: [...ids("pupilId"), ...cases.map((c) => c.pupilId)] } },
      select: { id: true, upn: true, firstName: true, lastName: true },
    }),
    db.parent.findMany({
      where: { authorityId: actor.authorityId, id: { in: ids("parentId") } },
      select: { id: true, firstName: true, lastName: true },
    }),
    db.appUser.findMany({
      where: { id: { in: holds.flatMap((h) => [h.placedBy, h.releasedBy ?? h.placedBy]) } },
      select: { id: true, name: true },
    }),
  ]);
  const pupilName = (id: string) => {
    const p = pupils.find((x) => x.id === id);
    return p ? `${p.firstName} ${p.lastName} (UPN ${p.upn})` : "a pupil";
  };
  const userName = (id: string) => users.find((u) => u.id === id)?.name ?? "someone";
  const views = holds.map((h): LegalHoldView => {
    let subject: LegalHoldView["subject"];
    let subjectId: string;
    let description: string;
    if (h.caseId) {
      subject = "case";
      subjectId = h.caseId;
      const c = cases.find((x) => x.id === h.caseId);
      description = c ? `Case of ${pupilName(c.pupilId)}` : "A case";
    } else if (h.pupilId) {
      subject = "pupil";
      subjectId = h.pupilId;
      description = `Pupil ${pupilName(h.pupilId)}, and every case they are in`;
    } else {
      subject = "parent";
      subjectId = h.parentId!;
      const p = parents.find((x) => x.id === h.parentId);
      description = `Parent or carer ${p ? `${p.firstName} ${p.lastName}` : ""}, and every case they are party to`;
    }
    return {
      id: h.id,
      subject,
      subjectId,
      description,
      reason: h.reason,
      placedBy: userName(h.placedBy),
      placedAt: h.placedAt,
      released: h.releasedAt ? { by: userName(h.releasedBy!), at: h.releasedAt, reason: h.releaseReason ?? "" } : null,
    };
  });
  return [...views.filter((v) => !v.released), ...views.filter((v) => v.released)];
}

/** Places a hold on a case (its reference), a pupil (UPN) or a parent or carer (reference) of the authority.
 * Something unknown in the authority, or already held, is a field error. Audited on the subject. */
export async function placeLegalHold(actor: Actor, raw: unknown): Promise<{ id: string }> {
  authorize(actor, "legal_hold.manage");
  const input = parseInput(placeLegalHoldSchema, raw);
  const where = { authorityId: actor.authorityId };
  let subject: { caseId?: string; pupilId?: string; parentId?: string };
  let field: string;
  if (input.subject === "case") {
    field = "caseId";
    const c = await db.attendanceCase.findFirst({ where: { ...where, id: input.caseId }, select: { id: true } });
    if (!c) throw new ValidationError({ caseId: [`No case with reference ${input.caseId} in ${actor.authorityName}`] });
    subject = { caseId: c.id };
  } else if (input.subject === "pupil") {
    field = "upn";
    const p = await db.pupil.findFirst({ where: { ...where, upn: input.upn }, select: { id: true } });
    if (!p) throw new ValidationError({ upn: [`No pupil with UPN ${input.upn} in ${actor.authorityName}`] });
    subject = { pupilId: p.id };
  } else {
    field = "parentId";
    const p = await db.parent.findFirst({ where: { ...where, id: input.parentId }, select: { id: true } });
    if (!p) {
      throw new ValidationError({
        parentId: [`No parent or carer with reference ${input.parentId} in ${actor.authorityName}`],
      });
    }
    subject = { parentId: p.id };
  }
  const entityId = (subject.caseId ?? subject.pupilId ?? subject.parentId)!;
  try {
    return await db.$transaction(async (tx) => {
      const hold = await tx.legalHold.create({
        data: { authorityId: actor.authorityId, ...subject, reason: input.reason, placedBy: actor.id },
        select: { id: true },
      });
      await audit(
        actor,
        {
          action: "legal_hold.place",
          entityType: input.subject,
          entityId,
          detail: { holdId: hold.id, reason: input.reason },
        },
        tx,
      );
      return hold;
    });
  } catch (error) {
    if (isUniqueViolation(error, "legal_hold_one_in_force")) {
      throw new ValidationError({ [field]: ["A legal hold is already in force on this record"] });
    }
    throw error;
  }
}

/** Releases a hold in force, with a reason; audited. A hold of another authority is a 404. */
export async function releaseLegalHold(actor: Actor, raw: unknown): Promise<{ id: string }> {
  authorize(actor, "legal_hold.manage");
  const input = parseInput(releaseLegalHoldSchema, raw);
  return db.$transaction(async (tx) => {
    const hold = await tx.legalHold.findFirst({ where: { authorityId: actor.authorityId, id: input.holdId } });
    if (!hold) throw new NotFoundError("Legal hold");
    if (hold.releasedAt) throw new ValidationError({ reason: ["This hold has already been released"] });
    await tx.legalHold.updateMany({
      where: { authorityId: actor.authorityId, id: hold.id, releasedAt: null },
      data: { releasedAt: new Date(), releasedBy: actor.id, releaseReason: input.reason },
    });
    const subject = hold.caseId ? "case" : hold.pupilId ? "pupil" : "parent";
    await audit(
      actor,
      {
        action: "legal_hold.release",
        entityType: subject,
        entityId: (hold.caseId ?? hold.pupilId ?? hold.parentId)!,
        detail: { holdId: hold.id, reason: input.reason },
      },
      tx,
    );
    return { id: hold.id };
  });
}
