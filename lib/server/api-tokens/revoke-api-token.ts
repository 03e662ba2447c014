import "server-only";
import { now } from "@/lib/env";
import type { Actor } from "../actor";
import { authorize } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { NotFoundError } from "../errors";

export async function revokeApiToken(actor: Actor, tokenId: string) {
  authorize(actor, "api_token.manage");
  const token = await db.apiToken.findFirst({ where: { id: tokenId, user: { authorityId: actor.authorityId } } });
  if (!token) throw new NotFoundError("API token");
  await db.$transaction(async (tx) => {
    await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: now() } });
    await audit(actor, { action: "api_token.revoke", entityType: "api_token", entityId: token.id }, tx);
  });
}
