import "server-only";
import { randomBytes } from "node:crypto";
import { tokenExpiry } from "@/lib/domain/api-tokens";
import { now } from "@/lib/env";
import type { CreateApiTokenInput } from "@/lib/schemas/api-token";
import type { ReauthenticationInput } from "@/lib/schemas/auth";
import type { Actor } from "../actor";
import { authorize, hashApiToken } from "../actor";
import { audit, type AuditActor } from "../audit";
import { db } from "../db";
import { ValidationError } from "../errors";
import { confirmIdentity } from "../users/confirm-identity";

export type CreateApiTokenOptions =
  /** A user making their own token, after typing their password again. There is no way to name another user. */
  | { actor: Actor; input: CreateApiTokenInput; reauthentication: ReauthenticationInput | undefined }
  /** The operator at the console (`npm run cli -- token create`), who already holds the database. */
  | { system: "cli"; email: string; input: CreateApiTokenInput };

/**
 * Creates a personal API token that acts as its user, with the user's permissions (or only reads, if read-only),
 * until it expires or is revoked. The token is shown once; only its SHA-256 hash is kept.
 */
export async function createApiToken(options: CreateApiTokenOptions) {
  let user;
  let auditActor: AuditActor;
  if ("actor" in options) {
    authorize(options.actor, "api_token.own");
    await confirmIdentity(options.actor, options.reauthentication);
    user = await db.appUser.findUniqueOrThrow({ where: { id: options.actor.id } });
    auditActor = options.actor;
  } else {
    user = await db.appUser.findUnique({ where: { email: options.email.trim().toLowerCase() } });
    if (!user) throw new ValidationError({ email: [`There is no user with email ${options.email}`] });
    auditActor = { system: options.system, authorityId: user.authorityId };
  }
  if (user.disabled) throw new ValidationError({ email: ["That user is disabled"] });
  const { input } = options;
  const createdAt = now();
  const expiresAt = tokenExpiry(createdAt, input.expiresInDays);
  const token = `ft_${randomBytes(32).toString("base64url")}`;
  const record = await db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        authorityId: user.authorityId,
        userId: user.id,
        tokenHash: hashApiToken(token),
        label: input.name,
        readOnly: input.readOnly,
        createdAt,
        expiresAt,
      },
    });
    await audit(
      auditActor,
      {
        action: "api_token.create",
        entityType: "api_token",
        entityId: created.id,
        detail: { userId: user.id, expiresAt: expiresAt.toISOString(), readOnly: input.readOnly },
      },
      tx,
    );
    return created;
  });
  return { token, id: record.id, user, expiresAt };
}
