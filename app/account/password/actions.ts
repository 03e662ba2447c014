"use server";
import { redirect } from "next/navigation";
import { changePasswordSchema } from "@/lib/schemas/auth";
import type { ActionState } from "@/lib/schemas/action-state";
import { runAction } from "@/lib/server/action";
import { requireUser, startSession } from "@/lib/server/auth";
import { changePassword } from "@/lib/server/users/change-password";

export async function changePasswordAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireUser({ allowPasswordChange: true });
  const result = await runAction(changePasswordSchema, formData, async (input) => {
    const user = await changePassword(actor, input);
    // Other sessions ended with the change; this one continues under the new session version.
    await startSession(user);
    return null;
  });
  if (result?.ok) redirect("/?passwordChanged=1");
  return result;
}
