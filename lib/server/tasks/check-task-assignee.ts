import "server-only";
import type { Tx } from "../db";
import { ValidationError } from "../errors";

/** Throws ValidationError (against `field`) unless `userId` is an enabled officer or manager of the authority:
 * tasks go to the people who do casework (the database's case_task_rules trigger holds the role). */
export async function checkTaskAssignee(tx: Tx, authorityId: string, userId: string, field: string): Promise<void> {
  const user = await tx.appUser.findFirst({
    where: { id: userId, authorityId, role: { in: ["officer", "manager"] }, disabled: false },
  });
  if (!user) throw new ValidationError({ [field]: ["Select an officer or manager of this authority"] });
}
