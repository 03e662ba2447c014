"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionState } from "@/lib/schemas/action-state";
import { openCaseSchema } from "@/lib/schemas/case";
import { runAction } from "@/lib/server/action";
import { requirePermission } from "@/lib/server/auth";
import { openCase } from "@/lib/server/cases/open-case";

export async function openCaseAction(
  _state: ActionState<{ id: string }>,
  formData: FormData,
): Promise<ActionState<{ id: string }>> {
  const actor = await requirePermission("case.manage");
  // runAction reads one value per field; the parent/carer boxes send one value each, so they are passed to the
  // shared schema as the list it expects (an explicit empty list when none is ticked).
  const parentIds = formData.getAll("parentIds").map(String);
  formData.delete("parentIds");
  const result = await runAction(openCaseSchema, formData, async (input) => ({
    id: (await openCase(actor, { ...input, parentIds })).id,
  }));
  if (result?.ok) {
    revalidatePath("/cases");
    redirect(`/cases/${result.data.id}`);
  }
  return result;
}
