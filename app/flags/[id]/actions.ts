"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionState } from "@/lib/schemas/action-state";
import { acceptFlagSchema, declineFlagSchema, mergeFlagSchema } from "@/lib/schemas/case";
import { runAction } from "@/lib/server/action";
import { requirePermission } from "@/lib/server/auth";
import { acceptFlag } from "@/lib/server/flags/accept-flag";
import { declineFlag } from "@/lib/server/flags/decline-flag";
import { mergeFlag } from "@/lib/server/flags/merge-flag";

type Result = ActionState<{ caseId: string | null }>;

export async function acceptFlagAction(_state: Result, formData: FormData): Promise<Result> {
  const actor = await requirePermission("case.triage");
  const result = await runAction(acceptFlagSchema, formData, async (input) => ({
    caseId: (await acceptFlag(actor, input)).case.id,
  }));
  if (result?.ok) {
    revalidatePath("/flags");
    redirect(`/cases/${result.data.caseId}`);
  }
  return result;
}

export async function declineFlagAction(_state: Result, formData: FormData): Promise<Result> {
  const actor = await requirePermission("case.triage");
  const result = await runAction(declineFlagSchema, formData, async (input) => {
    await declineFlag(actor, input);
    return { caseId: null };
  });
  if (result?.ok) {
    revalidatePath("/flags");
    redirect(`/flags/${String(formData.get("flagId"))}`);
  }
  return result;
}

export async function mergeFlagAction(_state: Result, formData: FormData): Promise<Result> {
  const actor = await requirePermission("case.triage");
  const result = await runAction(mergeFlagSchema, formData, async (input) => ({
    caseId: (await mergeFlag(actor, input)).caseId,
  }));
  if (result?.ok) {
    revalidatePath("/flags");
    redirect(`/cases/${result.data.caseId}`);
  }
  return result;
}
