"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionState } from "@/lib/schemas/action-state";
import { recordWorkSchema } from "@/lib/schemas/case";
import { runAction } from "@/lib/server/action";
import { requirePermission } from "@/lib/server/auth";
import { addCaseEvent } from "@/lib/server/cases/add-case-event";

export async function addCaseEventAction(
  _state: ActionState<{ id: string }>,
  formData: FormData,
): Promise<ActionState<{ id: string }>> {
  const actor = await requirePermission("case.manage");
  // The ticked parents arrive as repeated `parentIds` fields: passed on as one comma-separated value.
  const flat = new FormData();
  for (const [key, value] of formData) if (key !== "parentIds") flat.append(key, value);
  flat.set("parentIds", formData.getAll("parentIds").map(String).join(","));
  const result = await runAction(recordWorkSchema, flat, async (input) => ({
    id: (await addCaseEvent(actor, input)).id,
  }));
  if (result?.ok) {
    revalidatePath(`/cases/${result.data.id}`);
    redirect(`/cases/${result.data.id}`);
  }
  return result;
}
