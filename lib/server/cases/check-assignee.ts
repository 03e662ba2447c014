import "server-only";
import type { Tx } from "../db";
import { ValidationError } from "../errors";

/** Throws ValidationError (against `field`) unless `userId` is an enabled officer of the authority: cases are
 * assigned to officers. */
export async function checkAssignee(tx: Tx, authorityId: string, userId: string, field: string): Promise<void> {
  const user = await tx.appUser.findFirst({ where: { id: userId, authorityId, role: "officer", disabled: false } });
  if (!user) throw new ValidationError({ [field]: ["Select an officer of this authority to assign the case to"] });
}
