"use server";
import { redirect } from "next/navigation";
import { CODE_LOCKED_MESSAGE, INVALID_CODE_MESSAGE, secondFactorCodeSchema } from "@/lib/schemas/auth";
import type { ActionState } from "@/lib/schemas/action-state";
import { runAction } from "@/lib/server/action";
import { startSession } from "@/lib/server/auth";
import { ValidationError } from "@/lib/server/errors";
import { clearPendingSignIn, readPendingSignIn } from "@/lib/server/pending-sign-in";
import { verifySecondFactor } from "@/lib/server/second-factor/verify-second-factor";

export async function verifyCodeAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const pending = await readPendingSignIn();
  if (!pending || pending.step !== "verify") redirect("/sign-in");
  const result = await runAction(secondFactorCodeSchema, formData, async ({ code }) => {
    const outcome = await verifySecondFactor(pending.user.id, code);
    if (!outcome.ok) {
      throw new ValidationError({ code: [outcome.reason === "locked" ? CODE_LOCKED_MESSAGE : INVALID_CODE_MESSAGE] });
    }
    await clearPendingSignIn();
    await startSession(pending.user);
    return pending.user.mustChangePassword ? "/account/password" : "/";
  });
  if (result?.ok) redirect(result.data);
  return result;
}
