import "server-only";
import type { ChangePasswordInput } from "@/lib/schemas/auth";
import type { Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { ValidationError } from "../errors";
import { hashPassword, verifyPassword } from "../passwords";

/** Changes the actor's own password. Returns the new session version (other sessions are ended). */
export async function changePassword(actor: Actor, input: ChangePasswordInput) {
  const user = await db.appUser.findUniqueOrThrow({ where: { id: actor.id } });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new ValidationError({ currentPassword: ["Your current password is incorrect"] });
  }
  if (input.newPassword.toLowerCase().includes(user.email.split("@")[0]!.toLowerCase())) {
    throw new ValidationError({ newPassword: ["Your new password must not contain your email name"] });
  }
  const passwordHash = await hashPassword(input.newPassword);
  return db.$transaction(async (tx) => {
    const updated = await tx.appUser.update({
      where: { id: actor.id },
      data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 } },
    });
    await audit(actor, { action: "user.change_password", entityType: "user", entityId: actor.id }, tx);
    return updated;
  });
}
