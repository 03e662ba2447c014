"use server";
import { redirect } from "next/navigation";
import { CODE_LOCKED_MESSAGE, secondFactorCodeSchema } from "@/lib/schemas/auth";
import type { ActionState } from "@/lib/schemas/action-state";
import { runAction } from "@/lib/server/action";
import { startSession } from "@/lib/server/auth";
import { ValidationError } from "@/lib/server/errors";
import { clearPendingSignIn, holdRecoveryCodes, readPendingSignIn } from "@/lib/server/pending-sign-in";
import { completeEnrolment } from "@/lib/server/second-factor/enrolment";

export async function enrolAuthenticatorAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const pending = await readPendingSignIn();
  if (!pending || pending.step !== "enrol") redirect("/sign-in");
  const result = await runAction(secondFactorCodeSchema, formData, async ({ code }) => {
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
    await holdRecoveryCodes(pending.user.id, outcome.recoveryCodes);
    return null;
  });
  if (result?.ok) redirect("/sign-in/recovery-codes");
  return result;
}
