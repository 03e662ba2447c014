"use server";
import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/schemas/action-state";
import { comparisonFigureIdSchema, comparisonFigureSchema } from "@/lib/schemas/comparison";
import { runAction } from "@/lib/server/action";
import { requirePermission } from "@/lib/server/auth";
import { addComparisonFigure } from "@/lib/server/comparisons/add-comparison-figure";
import { deleteComparisonFigure } from "@/lib/server/comparisons/delete-comparison-figure";

export async function addComparisonFigureAction(_state: ActionState<{ label: string }>, formData: FormData) {
  const actor = await requirePermission("reference_data.manage");
  const result = await runAction(comparisonFigureSchema, formData, async (input) => {
    const figure = await addComparisonFigure({ actor, input });
    return { label: figure.label };
  });
  revalidatePath("/admin/comparisons");
  return result;
}

export async function deleteComparisonFigureAction(formData: FormData) {
  const actor = await requirePermission("reference_data.manage");
  await runAction(comparisonFigureIdSchema, formData, ({ figureId }) => deleteComparisonFigure(actor, figureId));
  revalidatePath("/admin/comparisons");
}
