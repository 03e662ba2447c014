"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionState } from "@/lib/schemas/action-state";
import { addToFlagSchema, flagPupilSchema } from "@/lib/schemas/case";
import { runAction } from "@/lib/server/action";
import { requirePermission } from "@/lib/server/auth";
import { addToFlag } from "@/lib/server/flags/add-to-flag";
import { flagPupil } from "@/lib/server/flags/flag-pupil";

export async function flagPupilAction(
  _state: ActionState<{ id: string }>,
  formData: FormData,
): Promise<ActionState<{ id: string }>> {
  const actor = await requirePermission("case.flag");
  const result = await runAction(flagPupilSchema, formData, async (input) => {
    const flag = await flagPupil(actor, input);
    return { id: flag.id };
  });
  if (result?.ok) {
    revalidatePath("/school-flags");
    redirect("/school-flags?flagged=1");
  }
  return result;
}

export async function addToFlagAction(
  _state: ActionState<{ id: string }>,
  formData: FormData,
): Promise<ActionState<{ id: string }>> {
  const actor = await requirePermission("case.flag");
  const result = await runAction(addToFlagSchema, formData, async (input) => ({
    id: (await addToFlag(actor, input)).id,
  }));
  if (result?.ok) {
    revalidatePath("/school-flags");
    redirect("/school-flags?added=1");
  }
  return result;
}
