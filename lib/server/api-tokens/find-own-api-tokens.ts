import "server-only";
import type { Actor } from "../actor";
import { authorize } from "../actor";
import { db } from "../db";

/** The actor's own API tokens, newest first (hashes are never returned). */
export async function findOwnApiTokens(actor: Actor) {
  authorize(actor, "api_token.own");
  return db.apiToken.findMany({
    where: { userId: actor.id },
    select: API_TOKEN_LISTING,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
}

/** What a listing of tokens shows. */
export const API_TOKEN_LISTING = {
  id: true,
  label: true,
  createdAt: true,
  expiresAt: true,
  readOnly: true,
  revokedAt: true,
  revokedReason: true,
  lastUsedAt: true,
} as const;
