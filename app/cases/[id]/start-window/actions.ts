"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionState } from "@/lib/schemas/action-state";
import { startWindowSchema } from "@/lib/schemas/case";
import { runAction } from "@/lib/server/action";
import { requirePermission } from "@/lib/server/auth";
import { startWindow } from "@/lib/server/cases/start-window";

export async function startWindowAction(
  _state: ActionState<{ id: string }>,
  formData: FormData,
): Promise<ActionState<{ id: string }>> {
  const actor = await requirePermission("case.manage");
  const result = await runAction(startWindowSchema, formData, async (input) => ({
    id: (await startWindow(actor, input)).id,
  }));
  if (result?.ok) {
    revalidatePath(`/cases/${result.data.id}`);
    redirect(`/cases/${result.data.id}`);
  }
  return result;
}
