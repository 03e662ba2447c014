import "server-only";
import type { Actor } from "../actor";
import type { Tx } from "../db";
import { NotFoundError, ValidationError } from "../errors";
import { flagScope } from "./flag-scope";

/** A flag in the actor's scope that is still to be decided, locked for the rest of the caller's transaction so
 * that two officers cannot decide it at once. Out of scope: NotFoundError; already decided: ValidationError. */
export async function findUndecidedFlag(tx: Tx, actor: Actor, flagId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(flagId)) throw new NotFoundError("Flag");
  const flag = await tx.caseFlag.findFirst({ where: { AND: [flagScope(actor), { id: flagId }] } });
  if (!flag) throw new NotFoundError("Flag");
  // With its authority, so that on Citus the lock goes to the one shard that holds the row (ADR 071).
  await tx.$queryRaw`SELECT 1 FROM case_flag WHERE authority_id = ${flag.authorityId}::uuid AND id = ${flag.id}::uuid FOR UPDATE`;
  const current = await tx.caseFlag.findUniqueOrThrow({ where: { id: flag.id, authorityId: flag.authorityId } });
  if (current.status !== "new") throw new ValidationError({}, "This flag has already been decided");
  return current;
}
