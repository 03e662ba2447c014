"use server";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/server/auth";
import { markNotificationsRead } from "@/lib/server/decisions/mark-notifications-read";

/** Marks one notification (the button's value) or all of them as read; the page re-renders. */
export async function markNotificationsReadAction(formData: FormData): Promise<void> {
  const actor = await requireUser();
  await markNotificationsRead(actor, { notificationId: String(formData.get("notificationId") ?? "") });
  revalidatePath("/notifications");
}
