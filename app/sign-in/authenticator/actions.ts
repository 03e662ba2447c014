"use server";
import { redirect } from "next/navigation";
import { CODE_LOCKED_MESSAGE, secondFactorCodeSchema } from "@/lib/schemas/auth";
import type { ActionState } from "@/lib/schemas/action-state";
import { runAction } from "@/lib/server/action";
import { startSession } from "@/lib/server/auth";
import { ValidationError } from "@/lib/server/errors";
import { clearPendingSignIn, readPendingSignIn } from "@/lib/server/pending-sign-in";
import { completeEnrolment } from "@/lib/server/second-factor/enrolment";

export type Enrolled = { recoveryCodes: string[]; next: string };

export async function enrolAuthenticatorAction(_state: ActionState<Enrolled>, formData: FormData) {
  const pending = await readPendingSignIn();
  if (!pending || pending.step !== "enrol") redirect("/sign-in");
  return runAction(secondFactorCodeSchema, formData, async ({ code }) => {
    const outcome = await completeEnrolment(pending.user.id, code);
    if (!outcome.ok) {
      throw new ValidationError({
        code: [
          outcome.reason === "locked"
            ? CODE_LOCKED_MESSAGE
            : "Enter the 6-digit code your authenticator app now shows for Fast Track",
        ],
      });
    }
    await clearPendingSignIn();
    await startSession(pending.user);
    return { recoveryCodes: outcome.recoveryCodes, next: pending.user.mustChangePassword ? "/account/password" : "/" };
  });
}
