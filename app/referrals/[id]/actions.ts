"use server";
import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/schemas/action-state";
import {
  addHearingSchema,
  approveReferralSchema,
  correctOutcomeFormSchema,
  outcomeFormField,
  outcomeFormSchema,
  rejectReferralSchema,
} from "@/lib/schemas/referrals";
import { runAction } from "@/lib/server/action";
import { requirePermission } from "@/lib/server/auth";
import { addHearing } from "@/lib/server/court/add-hearing";
import { correctOutcome } from "@/lib/server/court/correct-outcome";
import { recordOutcome } from "@/lib/server/court/record-outcome";
import { ValidationError, type FieldErrors } from "@/lib/server/errors";
import { approveReferral } from "@/lib/server/referrals/approve-referral";
import { rejectReferral } from "@/lib/server/referrals/reject-referral";

/** runAction reads one value per field: a checkbox group is joined into one comma-separated value. */
function joinGroup(formData: FormData, name: string): FormData {
  const out = new FormData();
  for (const [k, v] of formData) if (k !== name) out.append(k, v);
  out.append(
    name,
    formData
      .getAll(name)
      .filter((v): v is string => typeof v === "string")
      .join(","),
  );
  return out;
}

const refresh = (formData: FormData) => {
  revalidatePath(`/referrals/${String(formData.get("referralId"))}`);
  revalidatePath("/referrals");
  // The case's page of both parents' referrals, wherever a decision was made.
  revalidatePath("/cases/[id]/referrals", "page");
};

export async function approveReferralAction(_state: ActionState<{ status: string }>, formData: FormData) {
  const actor = await requirePermission("referral.review");
  const result = await runAction(approveReferralSchema, joinGroup(formData, "defencesConsidered"), async (input) => {
    const saved = await approveReferral(actor, input);
    return { status: saved.status };
  });
  if (result?.ok) refresh(formData);
  return result;
}

export async function rejectReferralAction(_state: ActionState<{ status: string }>, formData: FormData) {
  const actor = await requirePermission("referral.review");
  const result = await runAction(rejectReferralSchema, formData, async (input) => {
    const saved = await rejectReferral(actor, input);
    return { status: saved.status };
  });
  if (result?.ok) refresh(formData);
  return result;
}

export async function addHearingAction(_state: ActionState<{ id: string }>, formData: FormData) {
  const actor = await requirePermission("court.record");
  const result = await runAction(addHearingSchema, formData, async (input) => ({
    id: (await addHearing(actor, input)).id,
  }));
  if (result?.ok) {
    refresh(formData);
    revalidatePath("/hearings");
  }
  return result;
}

export async function recordOutcomeAction(_state: ActionState<{ id: string }>, formData: FormData) {
  const actor = await requirePermission("court.record");
  const result = await runAction(outcomeFormSchema, formData, async ({ referralId, outcome }) => {
    try {
      return { id: (await recordOutcome(actor, referralId, outcome)).id };
    } catch (error) {
      // The server names sentences by position (sentences.0.amountPence); the form by box (fineAmount).
      if (error instanceof ValidationError) {
        const fields: FieldErrors = {};
        for (const [k, v] of Object.entries(error.fieldErrors))
          (fields[outcomeFormField(outcome, k)] ??= []).push(...v);
        throw new ValidationError(fields, error.formError);
      }
      throw error;
    }
  });
  if (result?.ok) {
    refresh(formData);
    revalidatePath("/hearings");
  }
  return result;
}

export async function correctOutcomeAction(_state: ActionState<{ id: string }>, formData: FormData) {
  const actor = await requirePermission("court.record");
  const result = await runAction(correctOutcomeFormSchema, formData, async ({ referralId, outcome, reason }) => {
    try {
      return { id: (await correctOutcome(actor, referralId, { ...outcome, reason })).id };
    } catch (error) {
      if (error instanceof ValidationError) {
        const fields: FieldErrors = {};
        for (const [k, v] of Object.entries(error.fieldErrors))
          (fields[outcomeFormField(outcome, k)] ??= []).push(...v);
        throw new ValidationError(fields, error.formError);
      }
      throw error;
    }
  });
  if (result?.ok) {
    refresh(formData);
    revalidatePath("/hearings");
  }
  return result;
}
