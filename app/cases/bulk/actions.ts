"use server";
import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/schemas/action-state";
import { bulkLettersSchema, bulkReassignSchema } from "@/lib/schemas/bulk-cases";
import { runAction } from "@/lib/server/action";
import { requirePermission } from "@/lib/server/auth";
import {
  previewLettersForCases,
  produceLettersForCases,
  reassignCases,
  type BulkLetterPreview,
} from "@/lib/server/cases/bulk-cases";

export type BulkReassignResult = { moved: number; unchanged: number; officer: string };
export type BulkLettersSent = { productionId: string; letters: number; cases: number; sentOn: string };
/** A preview (nothing recorded) with what the form sent, so that the form still holds it and "Send" sends the
 * letters previewed; or the letters sent. */
export type BulkLettersResult =
  | { preview: BulkLetterPreview[]; values: Record<string, string>; sent?: undefined }
  | { preview?: undefined; sent: BulkLettersSent };

/** The selected cases (one hidden `cases` field of "<id>:<version>" values) to one officer: all or nothing. */
export async function bulkReassignCasesAction(
  _state: ActionState<BulkReassignResult>,
  formData: FormData,
): Promise<ActionState<BulkReassignResult>> {
  const actor = await requirePermission("case.manage");
  const result = await runAction(bulkReassignSchema, formData, (input) => reassignCases(actor, input));
  if (result?.ok) revalidatePath("/cases");
  return result;
}

/** With intent=preview, each parent's letter on each selected case, recording nothing; otherwise ("send") the
 * same letter kind to every parent of each selected case, as one production (one PDF): all or nothing. */
export async function bulkLettersAction(
  _state: ActionState<BulkLettersResult>,
  formData: FormData,
): Promise<ActionState<BulkLettersResult>> {
  const actor = await requirePermission("case.manage");
  const previewOnly = formData.get("intent") === "preview";
  const values: Record<string, string> = {};
  for (const [key, value] of formData)
    if (key !== "intent" && !key.startsWith("$") && typeof value === "string") values[key] = value;
  const result = await runAction(bulkLettersSchema, formData, async (input): Promise<BulkLettersResult> => {
    if (previewOnly) return { preview: await previewLettersForCases(actor, input), values };
    return { sent: await produceLettersForCases(actor, input) };
  });
  if (result?.ok && result.data.sent) revalidatePath("/cases");
  return result;
}
