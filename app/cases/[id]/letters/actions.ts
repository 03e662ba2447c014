"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionState } from "@/lib/schemas/action-state";
import { produceLettersSchema } from "@/lib/schemas/letters";
import { runAction } from "@/lib/server/action";
import { requirePermission } from "@/lib/server/auth";
import { previewLetters, produceLetters, type PreviewedLetter } from "@/lib/server/letters/produce-letters";

/** `values`: what the form sent, so that after a preview (also without JavaScript) the form still holds it. */
export type ProduceLettersResult = {
  caseId: string;
  preview: PreviewedLetter[] | null;
  values: Record<string, string>;
};

/** With intent=preview, composes each parent's letter and returns them, recording nothing; otherwise ("send")
 * produces the letters and shows them on the case. The ticked parents arrive as repeated `parentIds` fields; they
 * are passed on as one comma-separated value (runAction reads one value per field). */
export async function produceLettersAction(
  _state: ActionState<ProduceLettersResult>,
  formData: FormData,
): Promise<ActionState<ProduceLettersResult>> {
  const actor = await requirePermission("case.manage");
  const previewOnly = formData.get("intent") === "preview";
  const flat = new FormData();
  for (const [key, value] of formData) if (key !== "parentIds" && key !== "intent") flat.append(key, value);
  flat.set("parentIds", formData.getAll("parentIds").map(String).join(","));
  const values: Record<string, string> = {};
  for (const [key, value] of flat) if (typeof value === "string") values[key] = value;
  const result = await runAction(produceLettersSchema, flat, async (input) => {
    if (previewOnly) return { caseId: input.caseId, preview: await previewLetters(actor, input), values };
    await produceLetters(actor, input);
    return { caseId: input.caseId, preview: null, values };
  });
  if (result?.ok && !result.data.preview) {
    revalidatePath(`/cases/${result.data.caseId}`);
    redirect(`/cases/${result.data.caseId}#letters`);
  }
  return result;
}
