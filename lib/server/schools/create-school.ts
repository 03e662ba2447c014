import "server-only";
import type { CreateSchoolInput } from "@/lib/schemas/school";
import type { Actor } from "../actor";
import { authorize } from "../actor";
import { audit, type AuditActor } from "../audit";
import { db } from "../db";
import { ValidationError } from "../errors";

export type CreateSchoolOptions =
  { actor: Actor; input: CreateSchoolInput } | { system: "cli"; authorityId: string; input: CreateSchoolInput };

export async function createSchool(options: CreateSchoolOptions) {
  let authorityId: string;
  let auditActor: AuditActor;
  if ("actor" in options) {
    authorize(options.actor, "school.manage");
    authorityId = options.actor.authorityId;
    auditActor = options.actor;
  } else {
    authorityId = options.authorityId;
    auditActor = { system: options.system, authorityId };
  }
  const { input } = options;
  if (await db.school.findUnique({ where: { urn: input.urn } })) {
    throw new ValidationError({ urn: [`A school with URN ${input.urn} already exists`] });
  }
  if (await db.school.findFirst({ where: { authorityId, estabNumber: input.estabNumber } })) {
    throw new ValidationError({
      estabNumber: [`A school with establishment number ${input.estabNumber} already exists in this authority`],
    });
  }
  return db.$transaction(async (tx) => {
    const school = await tx.school.create({ data: { ...input, authorityId } });
    await audit(auditActor, { action: "school.create", entityType: "school", entityId: school.id }, tx);
    return school;
  });
}
