import "server-only";
import { randomBytes } from "node:crypto";
import type { Actor } from "../actor";
import { authorize, hashApiToken } from "../actor";
import { audit, type AuditActor } from "../audit";
import { db } from "../db";
import { NotFoundError, ValidationError } from "../errors";

export type CreateApiTokenOptions =
  { actor: Actor; userId: string; label?: string } | { system: "cli"; email: string; label?: string };

/** Creates an API token that acts as the user until revoked. The token is shown once; only its hash is kept. */
export async function createApiToken(options: CreateApiTokenOptions) {
  let user;
  let auditActor: AuditActor;
  if ("actor" in options) {
    authorize(options.actor, "api_token.manage");
    user = await db.appUser.findFirst({ where: { id: options.userId, authorityId: options.actor.authorityId } });
    if (!user) throw new NotFoundError("User");
    auditActor = options.actor;
  } else {
    user = await db.appUser.findUnique({ where: { email: options.email.trim().toLowerCase() } });
    if (!user) throw new ValidationError({ email: [`There is no user with email ${options.email}`] });
    auditActor = { system: options.system, authorityId: user.authorityId };
  }
  if (user.disabled) throw new ValidationError({ email: ["That user is disabled"] });
  const token = `ft_${randomBytes(32).toString("base64url")}`;
  const record = await db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        authorityId: user.authorityId,
        userId: user.id,
        tokenHash: hashApiToken(token),
        label: options.label ?? "",
      },
    });
    await audit(
      auditActor,
      { action: "api_token.create", entityType: "api_token", entityId: created.id, detail: { userId: user.id } },
      tx,
    );
    return created;
  });
  return { token, id: record.id, user };
}
