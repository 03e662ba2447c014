import "server-only";
import type { CreateAuthorityInput } from "@/lib/schemas/authority";
import { audit } from "../audit";
import { db } from "../db";
import { ValidationError } from "../errors";

/** Creates an authority. Only the command line does this (an operator setting up a new council). */
export async function createAuthority(input: CreateAuthorityInput) {
  if (await db.authority.findUnique({ where: { laCode: input.laCode } })) {
    throw new ValidationError({ laCode: [`An authority with code ${input.laCode} already exists`] });
  }
  return db.$transaction(async (tx) => {
    const authority = await tx.authority.create({ data: input });
    await audit(
      { system: "cli", authorityId: authority.id },
      { action: "authority.create", entityType: "authority", entityId: authority.id },
      tx,
    );
    return authority;
  });
}
