"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/server/auth";
import { ValidationError } from "@/lib/server/errors";
import { markNotificationsRead } from "@/lib/server/decisions/mark-notifications-read";

/** Marks one notification (the button's value) or all of them as read; the page re-renders. */
export async function markNotificationsReadAction(formData: FormData): Promise<void> {
  const actor = await requireUser();
  try {
    await markNotificationsRead(actor, { notificationId: String(formData.get("notificationId") ?? "") });
  } catch (error) {
    // Only a tampered or truncated form gets here (the buttons carry ids); nothing was changed.
    if (error instanceof ValidationError) redirect("/notifications?error=unrecognised");
    throw error;
  }
  revalidatePath("/notifications");
}
