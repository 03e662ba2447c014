import "server-only";
import { oneTimePasswordExpiry } from "@/lib/domain/sign-in-lockout";
import { now } from "@/lib/env";
import type { ReauthenticationInput } from "@/lib/schemas/auth";
import { EMAIL_UNAVAILABLE_MESSAGE, type CreateUserInput } from "@/lib/schemas/user";
import type { Actor } from "../actor";
import { authorize } from "../actor";
import { audit, type AuditActor } from "../audit";
import { db } from "../db";
import { isUniqueViolation } from "../cases/is-unique-violation";
import { ValidationError } from "../errors";
import { hashPassword, oneTimePassword } from "../passwords";
import { confirmIdentity } from "./confirm-identity";

export type CreateUserOptions =
  | { actor: Actor; input: CreateUserInput; reauthentication: ReauthenticationInput | undefined }
  /** The command line acts for the operator, within the authority it names. */
  | { system: "cli"; authorityId: string; input: CreateUserInput };

/** Creates a user with a one-time password, which they must change at first sign-in. Returns that password. */
export async function createUser(options: CreateUserOptions) {
  let authorityId: string;
  let auditActor: AuditActor;
  if ("actor" in options) {
    authorize(options.actor, "user.manage");
    await confirmIdentity(options.actor, options.reauthentication);
    authorityId = options.actor.authorityId;
    auditActor = options.actor;
  } else {
    authorityId = options.authorityId;
    auditActor = { system: options.system, authorityId };
  }
  const { input } = options;

  let schoolId: string | null = null;
  if (input.role === "school") {
    const school = await db.school.findFirst({ where: { urn: input.schoolUrn, authorityId } });
    if (!school)
      throw new ValidationError({ schoolUrn: [`There is no school with URN ${input.schoolUrn} in this authority`] });
    schoolId = school.id;
  }
  // One answer for every address already taken, in this authority or another, so that an administrator learns
  // nothing about other authorities' staff (the CLI operator holds the database and is told the same).
  const unavailable = () => new ValidationError({ email: [EMAIL_UNAVAILABLE_MESSAGE] });
  if (await db.appUser.findUnique({ where: { email: input.email } })) throw unavailable();

  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const user = await db
    .$transaction(async (tx) => {
      const created = await tx.appUser.create({
        data: {
          authorityId,
          schoolId,
          email: input.email,
          name: input.name,
          role: input.role,
          passwordHash,
          mustChangePassword: true,
          oneTimePasswordExpiresAt: oneTimePasswordExpiry(now()),
        },
      });
      await audit(
        auditActor,
        { action: "user.create", entityType: "user", entityId: created.id, detail: { role: input.role } },
        tx,
      );
      return created;
    })
    .catch((error: unknown) => {
      // Taken between the check and the insert.
      if (isUniqueViolation(error, "email")) throw unavailable();
      throw error;
    });
  return { user, oneTimePassword: password };
}
