"use server";
import { redirect } from "next/navigation";
import { LOCKOUT_MINUTES } from "@/lib/domain/sign-in-lockout";
import { signInSchema } from "@/lib/schemas/auth";
import type { ActionState } from "@/lib/schemas/action-state";
import { runAction } from "@/lib/server/action";
import { startSession } from "@/lib/server/auth";
import { ValidationError } from "@/lib/server/errors";
import { authenticate } from "@/lib/server/users/authenticate";

export const INVALID_MESSAGE = "Enter a correct email address and password";
export const LOCKED_MESSAGE = `This account is locked for ${LOCKOUT_MINUTES} minutes because of too many failed sign-in attempts. Try again later.`;

export async function signInAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const result = await runAction(signInSchema, formData, async (input) => {
    const outcome = await authenticate(input);
    if (!outcome.ok) {
      // The same answer whether or not the address has an account.
      throw new ValidationError({}, outcome.reason === "locked" ? LOCKED_MESSAGE : INVALID_MESSAGE);
    }
    await startSession(outcome.user);
    return outcome.user.mustChangePassword;
  });
  if (result?.ok) redirect(result.data ? "/account/password" : "/");
  return result;
}
