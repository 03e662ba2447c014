import "server-only";
import type { Actor } from "../actor";
import { authorize } from "../actor";
import { db } from "../db";
import { API_TOKEN_LISTING } from "../api-tokens/find-own-api-tokens";
import { NotFoundError } from "../errors";

/** A user of the actor's authority with their API tokens (hashes are never returned). */
export async function getUser(actor: Actor, userId: string) {
  authorize(actor, "user.manage");
  if (!/^[0-9a-f-]{36}$/i.test(userId)) throw new NotFoundError("User");
  const user = await db.appUser.findFirst({
    where: { id: userId, authorityId: actor.authorityId },
    include: {
      school: { select: { name: true, urn: true } },
      apiTokens: { select: API_TOKEN_LISTING, orderBy: [{ createdAt: "desc" }, { id: "desc" }] },
    },
  });
  if (!user) throw new NotFoundError("User");
  // Never the password hash, the (encrypted) TOTP secrets or the recovery codes' hashes.
  const { passwordHash: _p, totpSecret: _t, totpPendingSecret: _q, recoveryCodeHashes: _r, ...rest } = user;
  return rest;
}
