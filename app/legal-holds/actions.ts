"use server";
import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/schemas/action-state";
import { placeLegalHoldSchema, releaseLegalHoldSchema } from "@/lib/schemas/retention";
import { runAction } from "@/lib/server/action";
import { requirePermission } from "@/lib/server/auth";
import { placeLegalHold, releaseLegalHold } from "@/lib/server/retention/legal-holds";

const fields = (formData: FormData) =>
  Object.fromEntries([...formData].filter(([k, v]) => !k.startsWith("$") && typeof v === "string"));

export async function placeLegalHoldAction(
  _state: ActionState<{ id: string }>,
  formData: FormData,
): Promise<ActionState<{ id: string }>> {
  const actor = await requirePermission("legal_hold.manage");
  const result = await runAction(placeLegalHoldSchema, formData, () => placeLegalHold(actor, fields(formData)));
  if (result?.ok) revalidatePath("/legal-holds");
  return result;
}

export async function releaseLegalHoldAction(
  _state: ActionState<{ id: string }>,
  formData: FormData,
): Promise<ActionState<{ id: string }>> {
  const actor = await requirePermission("legal_hold.manage");
  const result = await runAction(releaseLegalHoldSchema, formData, () => releaseLegalHold(actor, fields(formData)));
  if (result?.ok) revalidatePath("/legal-holds");
  return result;
}
