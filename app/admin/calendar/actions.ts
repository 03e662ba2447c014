"use server";
import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/schemas/action-state";
import { calendarEntryIdSchema, calendarEntrySchema } from "@/lib/schemas/calendar";
import { runAction } from "@/lib/server/action";
import { requirePermission } from "@/lib/server/auth";
import { addCalendarEntry, deleteCalendarEntry } from "@/lib/server/calendar/edit-calendar";
import { importCalendarCsv } from "@/lib/server/calendar/import-calendar-csv";
import { ValidationError } from "@/lib/server/errors";

/** Calendars are small (a few dozen lines a year); anything bigger is the wrong file. */
const MAX_CALENDAR_BYTES = 256 * 1024;

export async function addCalendarEntryAction(_state: ActionState<{ name: string }>, formData: FormData) {
  const actor = await requirePermission("reference_data.manage");
  const result = await runAction(calendarEntrySchema, formData, async (input) => {
    await addCalendarEntry(actor, input);
    return { name: input.name };
  });
  revalidatePath("/admin/calendar");
  return result;
}

export async function deleteCalendarEntryAction(_state: ActionState<{ deleted: true }>, formData: FormData) {
  const actor = await requirePermission("reference_data.manage");
  const result = await runAction(calendarEntryIdSchema, formData, async ({ entryId }) => {
    await deleteCalendarEntry(actor, entryId);
    return { deleted: true as const };
  });
  revalidatePath("/admin/calendar");
  return result;
}

/** The calendar CSV upload: the same steps as runAction, for a file rather than text fields. */
export async function importCalendarAction(
  _state: ActionState<{ rows: number }>,
  formData: FormData,
): Promise<ActionState<{ rows: number }>> {
  const actor = await requirePermission("reference_data.manage");
  const file = formData.get("file");
  const refuse = (message: string) => ({ ok: false as const, fieldErrors: { file: [message] } });
  if (!(file instanceof File) || (file.size === 0 && file.name === ""))
    return refuse("Select a calendar file (CSV) to upload");
  if (file.size === 0) return refuse("The selected file is empty");
  if (file.size > MAX_CALENDAR_BYTES)
    return refuse("The selected file is too large for a calendar: it must be smaller than 256 KB");
  try {
    const result = await importCalendarCsv(actor, await file.text());
    revalidatePath("/admin/calendar");
    return { ok: true, data: result };
  } catch (error) {
    if (error instanceof ValidationError) {
      return { ok: false, fieldErrors: { file: Object.values(error.fieldErrors).flat() }, formError: error.formError };
    }
    throw error;
  }
}
