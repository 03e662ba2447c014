"use server";
import { redirect } from "next/navigation";
import { INVALID_SIGN_IN_MESSAGE, LOCKED_MESSAGE, signInSchema } from "@/lib/schemas/auth";
import type { ActionState } from "@/lib/schemas/action-state";
import { runAction } from "@/lib/server/action";
import { startSession } from "@/lib/server/auth";
import { ValidationError } from "@/lib/server/errors";
import { authenticate } from "@/lib/server/users/authenticate";

export async function signInAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const result = await runAction(signInSchema, formData, async (input) => {
    const outcome = await authenticate(input);
    if (!outcome.ok) {
      // The same answer whether or not the address has an account.
      throw new ValidationError({}, outcome.reason === "locked" ? LOCKED_MESSAGE : INVALID_SIGN_IN_MESSAGE);
    }
    await startSession(outcome.user);
    return outcome.user.mustChangePassword;
  });
  if (result?.ok) redirect(result.data ? "/account/password" : "/");
  return result;
}
