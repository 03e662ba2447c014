"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionState } from "@/lib/schemas/action-state";
import { addSweepStopSchema, recordSweepSchema } from "@/lib/schemas/sweeps";
import { runAction } from "@/lib/server/action";
import { requirePermission } from "@/lib/server/auth";
import { addSweepStop } from "@/lib/server/sweeps/add-sweep-stop";
import { recordSweep } from "@/lib/server/sweeps/create-sweep";

export async function recordSweepAction(
  _state: ActionState<{ id: string }>,
  formData: FormData,
): Promise<ActionState<{ id: string }>> {
  const actor = await requirePermission("sweep.record");
  const result = await runAction(recordSweepSchema, formData, async (input) => ({
    id: (await recordSweep(actor, input)).id,
  }));
  if (result?.ok) {
    revalidatePath("/sweeps");
    redirect(`/sweeps/${result.data.id}`);
  }
  return result;
}

export async function addSweepStopAction(
  _state: ActionState<{ sweepId: string }>,
  formData: FormData,
): Promise<ActionState<{ sweepId: string }>> {
  const actor = await requirePermission("sweep.record");
  const result = await runAction(addSweepStopSchema, formData, async (input) => ({
    sweepId: (await addSweepStop(actor, input)).sweepId,
  }));
  if (result?.ok) {
    revalidatePath(`/sweeps/${result.data.sweepId}`);
    redirect(`/sweeps/${result.data.sweepId}#stops`);
  }
  return result;
}
