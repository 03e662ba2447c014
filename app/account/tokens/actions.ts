"use server";
import { revalidatePath } from "next/cache";
import { tokenIdSchema } from "@/lib/schemas/admin";
import { createApiTokenSchema } from "@/lib/schemas/api-token";
import { withReauthentication } from "@/lib/schemas/auth";
import type { ActionState } from "@/lib/schemas/action-state";
import { runAction } from "@/lib/server/action";
import { createApiToken } from "@/lib/server/api-tokens/create-api-token";
import { revokeApiToken } from "@/lib/server/api-tokens/revoke-api-token";
import { requirePermission } from "@/lib/server/auth";

export type CreatedToken = { secret: string; expiresAt: string };

/** Creates a token for the signed-in user only: nothing in the form can name another user. */
export async function createOwnApiTokenAction(_state: ActionState<CreatedToken>, formData: FormData) {
  const actor = await requirePermission("api_token.own");
  const result = await runAction(withReauthentication(createApiTokenSchema), formData, async (input) => {
    const { yourPassword, yourCode, ...token } = input;
    const created = await createApiToken({ actor, input: token, reauthentication: { yourPassword, yourCode } });
    return { secret: created.token, expiresAt: created.expiresAt.toISOString() };
  });
  revalidatePath("/account/tokens");
  return result;
}

export async function revokeOwnApiTokenAction(formData: FormData) {
  const actor = await requirePermission("api_token.own");
  await runAction(tokenIdSchema, formData, ({ tokenId }) => revokeApiToken(actor, tokenId));
  revalidatePath("/account/tokens");
}
