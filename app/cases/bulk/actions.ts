"use server";
import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/schemas/action-state";
import { bulkLettersSchema, bulkReassignSchema } from "@/lib/schemas/bulk-cases";
import { runAction } from "@/lib/server/action";
import { requirePermission } from "@/lib/server/auth";
import { produceLettersForCases, reassignCases } from "@/lib/server/cases/bulk-cases";

export type BulkReassignResult = { moved: number; unchanged: number; officer: string };
export type BulkLettersResult = { productionId: string; letters: number; cases: number; sentOn: string };

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

/** The same letter kind to every parent of each selected case, as one production (one PDF): all or nothing. */
export async function bulkLettersAction(
  _state: ActionState<BulkLettersResult>,
  formData: FormData,
): Promise<ActionState<BulkLettersResult>> {
  const actor = await requirePermission("case.manage");
  const result = await runAction(bulkLettersSchema, formData, (input) => produceLettersForCases(actor, input));
  if (result?.ok) revalidatePath("/cases");
  return result;
}
