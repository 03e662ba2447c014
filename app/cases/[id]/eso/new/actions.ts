"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionState } from "@/lib/schemas/action-state";
import { recordEsoSchema } from "@/lib/schemas/education-supervision-orders";
import { runAction } from "@/lib/server/action";
import { requirePermission } from "@/lib/server/auth";
import { recordEso } from "@/lib/server/cases/record-eso";

export async function recordEsoAction(
  _state: ActionState<{ id: string }>,
  formData: FormData,
): Promise<ActionState<{ id: string }>> {
  const actor = await requirePermission("case.manage");
  const result = await runAction(recordEsoSchema, formData, async (input) => ({
    id: (await recordEso(actor, input)).id,
  }));
  if (result?.ok) {
    revalidatePath(`/cases/${result.data.id}`);
    redirect(`/cases/${result.data.id}#case-eso-heading`);
  }
  return result;
}
