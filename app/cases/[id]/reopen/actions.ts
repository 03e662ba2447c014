"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionState } from "@/lib/schemas/action-state";
import { reopenCaseSchema } from "@/lib/schemas/case";
import { runAction } from "@/lib/server/action";
import { requirePermission } from "@/lib/server/auth";
import { reopenCase } from "@/lib/server/cases/reopen-case";

export async function reopenCaseAction(
  _state: ActionState<{ id: string }>,
  formData: FormData,
): Promise<ActionState<{ id: string }>> {
  const actor = await requirePermission("case.manage");
  const result = await runAction(reopenCaseSchema, formData, async (input) => ({
    id: (await reopenCase(actor, input)).id,
  }));
  if (result?.ok) {
    revalidatePath(`/cases/${result.data.id}`);
    redirect(`/cases/${result.data.id}`);
  }
  return result;
}
