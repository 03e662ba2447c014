"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/lib/schemas/action-state";
import { referralSettingsSchema, windowSettingsSchema } from "@/lib/schemas/case";
import { runAction } from "@/lib/server/action";
import { requirePermission } from "@/lib/server/auth";
import { setReferralSettings } from "@/lib/server/cases/set-referral-settings";
import { setWindowSettings } from "@/lib/server/cases/set-window-settings";

/** The form posts flat fields (`milestones.0.week`); the shared schema takes the nested settings. */
const fromForm = z.preprocess((raw) => {
  const flat = raw as Record<string, string>;
  const milestones: Record<string, string>[] = [];
  for (const [name, value] of Object.entries(flat)) {
    const m = /^milestones\.(\d+)\.(key|label|week)$/.exec(name);
    if (m) (milestones[Number(m[1])] ??= {})[m[2]!] = value;
  }
  return { lengthWeeks: flat.lengthWeeks, milestones: milestones.filter(Boolean) };
}, windowSettingsSchema);

export async function setWindowSettingsAction(
  _state: ActionState<{ saved: true }>,
  formData: FormData,
): Promise<ActionState<{ saved: true }>> {
  const actor = await requirePermission("case.settings");
  const result = await runAction(fromForm, formData, async (input) => {
    await setWindowSettings(actor, input);
    return { saved: true as const };
  });
  if (result?.ok) revalidatePath("/admin/case-settings");
  return result;
}

export async function setReferralSettingsAction(
  _state: ActionState<{ saved: true }>,
  formData: FormData,
): Promise<ActionState<{ saved: true }>> {
  const actor = await requirePermission("case.settings");
  const result = await runAction(referralSettingsSchema, formData, async (input) => {
    await setReferralSettings(actor, input);
    return { saved: true as const };
  });
  if (result?.ok) revalidatePath("/admin/case-settings");
  return result;
}
