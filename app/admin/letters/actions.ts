"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { letterKindFromSlug, letterKindSlug } from "@/lib/domain/letters";
import type { ActionState } from "@/lib/schemas/action-state";
import { letterTemplateSchema } from "@/lib/schemas/letters";
import { runAction } from "@/lib/server/action";
import { requirePermission } from "@/lib/server/auth";
import { previewLetterTemplate } from "@/lib/server/letters/preview-letter-template";
import { resetLetterTemplate, saveLetterTemplate } from "@/lib/server/letters/save-letter-template";

export type TemplateActionResult = { saved: boolean; preview: { subject: string; body: string } };

/** Saves the template, or with intent=preview only previews it; either way returns the sample letter. */
export async function saveLetterTemplateAction(
  _state: ActionState<TemplateActionResult>,
  formData: FormData,
): Promise<ActionState<TemplateActionResult>> {
  const actor = await requirePermission("letter_template.manage");
  const previewOnly = formData.get("intent") === "preview";
  const result = await runAction(letterTemplateSchema, formData, async (input) => {
    if (!previewOnly) await saveLetterTemplate(actor, input);
    const preview = await previewLetterTemplate(actor, input);
    return { saved: !previewOnly, preview: { subject: preview.subject, body: preview.body } };
  });
  if (result?.ok && result.data.saved) revalidatePath("/admin/letters");
  return result;
}

/** Goes back to the built-in text for a kind. */
export async function resetLetterTemplateAction(formData: FormData): Promise<void> {
  const actor = await requirePermission("letter_template.manage");
  const kind = letterKindFromSlug(String(formData.get("kind") ?? "").replace(/_/g, "-"));
  if (!kind) redirect("/admin/letters");
  await resetLetterTemplate(actor, kind);
  revalidatePath("/admin/letters");
  redirect(`/admin/letters/${letterKindSlug(kind)}?reset=1`);
}
