"use server";
import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/schemas/action-state";
import { retentionScheduleSchema } from "@/lib/schemas/retention";
import { runAction } from "@/lib/server/action";
import { requirePermission } from "@/lib/server/auth";
import { setRetentionSchedule } from "@/lib/server/retention/retention-schedule";

export async function setRetentionScheduleAction(
  _state: ActionState<{ changed: number }>,
  formData: FormData,
): Promise<ActionState<{ changed: number }>> {
  const actor = await requirePermission("retention.manage");
  const result = await runAction(retentionScheduleSchema, formData, async () =>
    // The server function parses the form again with the same schema (it is also the command line's).
    setRetentionSchedule(actor, Object.fromEntries([...formData].filter(([k]) => k.startsWith("keep-")))),
  );
  if (result?.ok) revalidatePath("/retention");
  return result;
}
