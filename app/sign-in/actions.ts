"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { ADDRESS_LOCKED_MESSAGE, INVALID_SIGN_IN_MESSAGE, LOCKED_MESSAGE, signInSchema } from "@/lib/schemas/auth";
import type { ActionState } from "@/lib/schemas/action-state";
import { runAction } from "@/lib/server/action";
import { startSession } from "@/lib/server/auth";
import { clientAddressFrom } from "@/lib/server/client-address";
import { ValidationError } from "@/lib/server/errors";
import { startPendingSignIn } from "@/lib/server/pending-sign-in";
import { secondFactorStepFor } from "@/lib/server/second-factor/second-factor-step";
import { authenticate } from "@/lib/server/users/authenticate";

const REFUSALS = { invalid: INVALID_SIGN_IN_MESSAGE, locked: LOCKED_MESSAGE, address_locked: ADDRESS_LOCKED_MESSAGE };

/** The password step. Then, for everyone but demo users on the embedded demo database, the second factor:
 * /sign-in/code, or /sign-in/authenticator to enrol one first. Only after it is there a session. */
export async function signInAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const clientAddress = clientAddressFrom(await headers());
  const result = await runAction(signInSchema, formData, async (input) => {
    const outcome = await authenticate(input, { clientAddress });
    // The same answer whether or not the address has an account.
    if (!outcome.ok) throw new ValidationError({}, REFUSALS[outcome.reason]);
    const step = await secondFactorStepFor(outcome.user);
    if (step !== "none") {
      await startPendingSignIn(outcome.user, step);
      return step === "verify" ? "/sign-in/code" : "/sign-in/authenticator";
    }
    await startSession(outcome.user);
    return outcome.user.mustChangePassword ? "/account/password" : "/";
  });
  if (result?.ok) redirect(result.data);
  return result;
}
