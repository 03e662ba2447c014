import "server-only";
import type { ReauthenticationInput } from "@/lib/schemas/auth";
import type { CreateUserInput } from "@/lib/schemas/user";
import type { Actor } from "../actor";
import { authorize } from "../actor";
import { audit, type AuditActor } from "../audit";
import { db } from "../db";
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
  if (await db.appUser.findUnique({ where: { email: input.email } })) {
    throw new ValidationError({ email: ["A user with this email address already exists"] });
  }

  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const user = await db.$transaction(async (tx) => {
    const created = await tx.appUser.create({
      data: {
        authorityId,
        schoolId,
        email: input.email,
        name: input.name,
        role: input.role,
        passwordHash,
        mustChangePassword: true,
      },
    });
    await audit(
      auditActor,
      { action: "user.create", entityType: "user", entityId: created.id, detail: { role: input.role } },
      tx,
    );
    return created;
  });
  return { user, oneTimePassword: password };
}
