"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { tokenIdSchema, userIdSchema } from "@/lib/schemas/admin";
import type { ActionState } from "@/lib/schemas/action-state";
import { withReauthentication } from "@/lib/schemas/auth";
import { createUserSchema } from "@/lib/schemas/user";
import { runAction } from "@/lib/server/action";
import { revokeApiToken } from "@/lib/server/api-tokens/revoke-api-token";
import { requirePermission } from "@/lib/server/auth";
import { createUser } from "@/lib/server/users/create-user";
import { resetSecondFactor } from "@/lib/server/second-factor/reset-second-factor";
import { resetPassword } from "@/lib/server/users/reset-password";
import { setUserDisabled } from "@/lib/server/users/set-user-disabled";

export type SecretResult = { secret: string };

export async function createUserAction(_state: ActionState<SecretResult & { userId: string }>, formData: FormData) {
  const actor = await requirePermission("user.manage");
  const result = await runAction(withReauthentication(createUserSchema), formData, async (values) => {
    const { yourPassword, yourCode, ...input } = values;
    const { user, oneTimePassword } = await createUser({ actor, input, reauthentication: { yourPassword, yourCode } });
    return { secret: oneTimePassword, userId: user.id };
  });
  revalidatePath("/admin/users");
  return result;
}

export async function setUserDisabledAction(formData: FormData) {
  const actor = await requirePermission("user.manage");
  const disable = formData.get("disable") === "true";
  await runAction(userIdSchema, formData, ({ userId }) => setUserDisabled(actor, userId, disable));
  revalidatePath("/admin/users");
  redirect(`/admin/users/${String(formData.get("userId"))}`);
}

export async function resetPasswordAction(_state: ActionState<SecretResult>, formData: FormData) {
  const actor = await requirePermission("user.manage");
  return runAction(withReauthentication(userIdSchema), formData, async ({ userId, ...reauthentication }) => ({
    secret: (await resetPassword(actor, userId, reauthentication)).oneTimePassword,
  }));
}

/** A lost phone: the user must set up a new authenticator at their next sign-in. */
export async function resetSecondFactorAction(_state: ActionState<{ done: true }>, formData: FormData) {
  const actor = await requirePermission("user.manage");
  const result = await runAction(
    withReauthentication(userIdSchema),
    formData,
    async ({ userId, ...reauthentication }) => {
      await resetSecondFactor(actor, userId, reauthentication);
      return { done: true as const };
    },
  );
  revalidatePath("/admin/users/[id]", "page");
  return result;
}

/** Administrators list and revoke their authority's tokens; they cannot create one for anyone else (tokens are
 * personal: /account/tokens). */
export async function revokeApiTokenAction(formData: FormData) {
  const actor = await requirePermission("api_token.manage");
  await runAction(tokenIdSchema, formData, ({ tokenId }) => revokeApiToken(actor, tokenId));
  revalidatePath("/admin/users/[id]", "page");
}
