"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionState } from "@/lib/schemas/action-state";
import { produceLettersSchema } from "@/lib/schemas/letters";
import { runAction } from "@/lib/server/action";
import { requirePermission } from "@/lib/server/auth";
import { produceLetters } from "@/lib/server/letters/produce-letters";

/** Produces the letters, then shows them on the case. The ticked parents arrive as repeated `parentIds` fields;
 * they are passed on as one comma-separated value (runAction reads one value per field). */
export async function produceLettersAction(
  _state: ActionState<{ caseId: string }>,
  formData: FormData,
): Promise<ActionState<{ caseId: string }>> {
  const actor = await requirePermission("case.manage");
  const flat = new FormData();
  for (const [key, value] of formData) if (key !== "parentIds") flat.append(key, value);
  flat.set("parentIds", formData.getAll("parentIds").map(String).join(","));
  const result = await runAction(produceLettersSchema, flat, async (input) => {
    await produceLetters(actor, input);
    return { caseId: input.caseId };
  });
  if (result?.ok) {
    revalidatePath(`/cases/${result.data.caseId}`);
    redirect(`/cases/${result.data.caseId}#letters`);
  }
  return result;
}
