import "server-only";
import { can } from "@/lib/domain/permissions";
import { now } from "@/lib/env";
import type { Actor } from "../actor";
import { authorize } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { NotFoundError } from "../errors";

/** Revokes a token: an administrator any token of their authority, anyone else only their own. */
export async function revokeApiToken(actor: Actor, tokenId: string) {
  authorize(actor, "api_token.own");
  if (!/^[0-9a-f-]{36}$/i.test(tokenId)) throw new NotFoundError("API token");
  const scope = can(actor, "api_token.manage") ? { user: { authorityId: actor.authorityId } } : { userId: actor.id };
  const token = await db.apiToken.findFirst({ where: { id: tokenId, ...scope } });
  if (!token) throw new NotFoundError("API token");
  if (token.revokedAt) return;
  await db.$transaction(async (tx) => {
    await tx.apiToken.update({
      where: { id: token.id },
      data: { revokedAt: now(), revokedReason: token.userId === actor.id ? "owner" : "administrator" },
    });
    await audit(actor, { action: "api_token.revoke", entityType: "api_token", entityId: token.id }, tx);
  });
}
